package org.defiancenetwork.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks a WHIP offer must pass before it reaches the WebRTC stack, so a broken or useless
 * offer is answered 400 with a reason a person can act on (RFC 9725 §4.2, RFC 8866 for syntax).
 */
public record SdpOffer(String sdp, List<Media> media) {

    /** One m= section: its kind, whether it sends to us, and its codec names. */
    public record Media(String kind, String direction, List<String> codecs) {
        boolean sendsToUs() {
            return direction.equals("sendonly") || direction.equals("sendrecv");
        }
    }

    /** Why an offer was refused; the message goes to the client as the problem detail. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern LINE = Pattern.compile("[a-z]=.*");
    private static final Pattern RTPMAP = Pattern.compile("a=rtpmap:\\d+ ([A-Za-z0-9_.-]+)/.*");

    public static SdpOffer parse(String body) throws Invalid {
        if (body == null || body.isBlank()) {
            throw new Invalid("The offer is empty: send an SDP offer as the request body.");
        }
        String[] lines = body.split("\r?\n");
        if (!lines[0].equals("v=0")) {
            throw new Invalid("Not an SDP offer: the first line must be v=0.");
        }
        List<Media> media = new ArrayList<>();
        boolean sessionIce = false;
        boolean sessionFingerprint = false;
        String sessionDirection = "sendrecv";
        MediaBuilder current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                continue;
            }
            if (!LINE.matcher(line).matches()) {
                throw new Invalid("Line " + (i + 1) + " of the offer is not an SDP line (type=value).");
            }
            if (line.startsWith("m=")) {
                if (current != null) {
                    media.add(current.build(sessionIce, sessionFingerprint, sessionDirection));
                }
                String[] parts = line.substring(2).split(" ");
                if (parts.length < 4) {
                    throw new Invalid("Line " + (i + 1) + ": an m= line needs media, port, protocol and formats.");
                }
                current = new MediaBuilder(parts[0].toLowerCase(Locale.ROOT));
            } else if (current == null) {
                sessionIce |= line.startsWith("a=ice-ufrag:");
                sessionFingerprint |= line.startsWith("a=fingerprint:");
                sessionDirection = direction(line, sessionDirection);
            } else {
                current.ice |= line.startsWith("a=ice-ufrag:");
                current.fingerprint |= line.startsWith("a=fingerprint:");
                current.direction = direction(line, current.direction);
                var rtpmap = RTPMAP.matcher(line);
                if (rtpmap.matches()) {
                    current.codecs.add(rtpmap.group(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        if (current != null) {
            media.add(current.build(sessionIce, sessionFingerprint, sessionDirection));
        }
        SdpOffer offer = new SdpOffer(body, List.copyOf(media));
        if (!offer.has("video") && !offer.has("audio")) {
            throw new Invalid("The offer sends no audio or video: add a sendonly video transceiver.");
        }
        if (!offer.has("video")) {
            throw new Invalid("The offer sends no video: this node needs a video track to broadcast.");
        }
        return offer;
    }

    /** True when the offer has a section of that kind that sends media to us. */
    public boolean has(String kind) {
        return media.stream().anyMatch(m -> m.kind().equals(kind) && m.sendsToUs());
    }

    private static String direction(String line, String otherwise) {
        return switch (line) {
            case "a=sendonly" -> "sendonly";
            case "a=recvonly" -> "recvonly";
            case "a=sendrecv" -> "sendrecv";
            case "a=inactive" -> "inactive";
            default -> otherwise;
        };
    }

    private static final class MediaBuilder {
        final String kind;
        final List<String> codecs = new ArrayList<>();
        String direction;
        boolean ice;
        boolean fingerprint;

        MediaBuilder(String kind) {
            this.kind = kind;
        }

        Media build(boolean sessionIce, boolean sessionFingerprint, String sessionDirection) throws Invalid {
            if (!ice && !sessionIce) {
                throw new Invalid("The " + kind + " section has no ICE credentials (a=ice-ufrag/a=ice-pwd).");
            }
            if (!fingerprint && !sessionFingerprint) {
                throw new Invalid("The " + kind + " section has no DTLS fingerprint (a=fingerprint).");
            }
            return new Media(kind, direction != null ? direction : sessionDirection, List.copyOf(codecs));
        }
    }
}
