package org.defiancenetwork.live;

import java.util.ArrayList;
import java.util.List;

/**
 * A candidate from a trickle-ICE SDP fragment (RFC 8840, application/trickle-ice-sdpfrag), with
 * the media section it belongs to.
 */
public record TrickleCandidate(String mid, int mLineIndex, String candidate) {

    /** The fragment's ICE credentials, which tell an ICE restart from a plain trickle. */
    public record Fragment(String ufrag, String pwd, List<TrickleCandidate> candidates) {
    }

    public static Fragment parse(String body) throws SdpOffer.Invalid {
        if (body == null || body.isBlank()) {
            throw new SdpOffer.Invalid("The fragment is empty.");
        }
        String ufrag = null;
        String pwd = null;
        String mid = null;
        int mLine = -1;
        List<TrickleCandidate> candidates = new ArrayList<>();
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpOffer.Invalid("Line " + (i + 1) + " of the fragment is not an SDP line.");
            }
            if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring(12);
            } else if (line.startsWith("a=ice-pwd:")) {
                pwd = line.substring(10);
            } else if (line.startsWith("m=")) {
                mLine++;
                mid = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6);
            } else if (line.startsWith("a=candidate:")) {
                if (mid == null && mLine < 0) {
                    throw new SdpOffer.Invalid("Line " + (i + 1) + ": a candidate before any m= or a=mid line.");
                }
                candidates.add(new TrickleCandidate(mid, Math.max(mLine, 0), line.substring(2)));
            }
        }
        return new Fragment(ufrag, pwd, List.copyOf(candidates));
    }
}
