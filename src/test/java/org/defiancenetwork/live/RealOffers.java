package org.defiancenetwork.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.video.CustomVideoSource;

/**
 * Offers made by webrtc-java itself (nobody answers them), and the mutations a fuzz test applies
 * to them: real SDP as a client writes it, broken in one precise way at a time.
 */
final class RealOffers {

    private RealOffers() {
    }

    /** A sendonly audio and video offer, as a browser or OBS sends it. */
    static String audioAndVideo(PeerConnectionFactory factory) throws Exception {
        return offer(factory, connection -> {
            RTCRtpTransceiverInit init = sendOnly();
            connection.addTransceiver(factory.createAudioTrack("mic", factory.createAudioSource(new AudioOptions())), init);
            connection.addTransceiver(factory.createVideoTrack("cam", new CustomVideoSource()), init);
        });
    }

    /** Only a data channel: an m=application section and no media. */
    static String dataChannelOnly(PeerConnectionFactory factory) throws Exception {
        return offer(factory, connection -> connection.createDataChannel("chat", new RTCDataChannelInit()));
    }

    /** Every m= line of {@code kind} ("" for all) gets port 0, the way an offerer rejects a section. */
    static String rejectSections(String sdp, String kind) {
        return sdp.replaceAll("(?m)^m=(" + (kind.isEmpty() ? "\\w+" : kind) + ") \\d+ ", "m=$1 0 ");
    }

    /** Renames every codec of the video section to one nobody knows (rtx, red and FEC keep their names). */
    static String unknownVideoCodecs(String sdp) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections(sdp)) {
            String text = section.text;
            if (section.kind.equals("video")) {
                Matcher m = Pattern.compile("(?m)^a=rtpmap:(\\d+) (H264|VP8|VP9|AV1)/").matcher(text);
                text = m.replaceAll("a=rtpmap:$1 X-PRIVATE-$1/");
            }
            out.append(text);
        }
        return out.toString();
    }

    /** Keeps only the video payload types whose rtpmap line matches {@code keep}, with their rtcp-fb and fmtp lines. */
    static String keepVideoCodecs(String sdp, Predicate<String> keep) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections(sdp)) {
            if (!section.kind.equals("video")) {
                out.append(section.text);
                continue;
            }
            Set<String> kept = new java.util.HashSet<>();
            Matcher rtpmap = Pattern.compile("(?m)^a=rtpmap:(\\d+) (.*)$").matcher(section.text);
            while (rtpmap.find()) {
                String number = rtpmap.group(1);
                String fmtp = find(section.text, "(?m)^a=fmtp:" + number + " (.*)$");
                if (keep.test(rtpmap.group(2).trim() + (fmtp == null ? "" : " " + fmtp.trim()))) {
                    kept.add(number);
                }
            }
            List<String> lines = new ArrayList<>();
            for (String line : section.text.split("\r\n")) {
                Matcher pt = Pattern.compile("^a=(rtpmap|fmtp|rtcp-fb):(\\d+) .*").matcher(line);
                if (line.startsWith("m=video")) {
                    String[] parts = line.split(" ");
                    List<String> head = new ArrayList<>(List.of(parts).subList(0, 3));
                    List.of(parts).subList(3, parts.length).stream().filter(kept::contains).forEach(head::add);
                    lines.add(String.join(" ", head));
                } else if (!pt.matches() || kept.contains(pt.group(2))) {
                    lines.add(line);
                }
            }
            out.append(String.join("\r\n", lines)).append("\r\n");
        }
        return out.toString();
    }

    /** Changes every fmtp parameter {@code name} of the video section to {@code value}. */
    static String videoFmtp(String sdp, String name, String value) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections(sdp)) {
            out.append(section.kind.equals("video")
                    ? section.text.replaceAll(name + "=[0-9a-fA-F]+", name + "=" + value) : section.text);
        }
        return out.toString();
    }

    /** Every section gets the mid of the first, so two sections share one (the BUNDLE line keeps its names). */
    static String duplicateMids(String sdp) {
        String first = find(sdp, "(?m)^a=mid:(.*)$").trim();
        return sdp.replaceAll("(?m)^a=mid:.*$", "a=mid:" + first);
    }

    /** Appends attribute lines to the last section until the offer is about {@code bytes} long. */
    static String padded(String sdp, int bytes) {
        StringBuilder out = new StringBuilder(sdp);
        for (int i = 0; out.length() < bytes; i++) {
            out.append("a=x-padding-").append(i).append(":0123456789abcdef\r\n");
        }
        return out.toString();
    }

    /** Puts {@code line} after the {@code at}th line of the offer. */
    static String insertLine(String sdp, int at, String line) {
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r\n")));
        lines.add(Math.min(at, lines.size()), line);
        return String.join("\r\n", lines) + "\r\n";
    }

    private record Section(String kind, String text) {
    }

    /** The session part (kind "") and each m= section, with their line ends, in order. */
    private static List<Section> sections(String sdp) {
        List<Section> sections = new ArrayList<>();
        String[] parts = sdp.split("(?m)(?=^m=)");
        for (String part : parts) {
            String kind = part.startsWith("m=") ? part.substring(2, part.indexOf(' ')) : "";
            sections.add(new Section(kind, part));
        }
        return sections;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private interface Setup {
        void on(RTCPeerConnection connection) throws Exception;
    }

    private static RTCRtpTransceiverInit sendOnly() {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("offer");
        return init;
    }

    private static String offer(PeerConnectionFactory factory, Setup setup) throws Exception {
        RTCPeerConnection connection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }
        });
        try {
            setup.on(connection);
            CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
            connection.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription description) {
                    offer.complete(description);
                }

                @Override
                public void onFailure(String error) {
                    offer.completeExceptionally(new IllegalStateException(error));
                }
            });
            return offer.get(5, TimeUnit.SECONDS).sdp;
        } finally {
            connection.close();
        }
    }
}
