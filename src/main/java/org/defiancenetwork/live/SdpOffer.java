package org.defiancenetwork.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a WHIP offer must pass before it reaches the WebRTC stack, so a broken or useless
 * offer is answered 400 with a reason a person can act on (RFC 9725 §4.2, RFC 8866 for syntax).
 * An offer that reaches libwebrtc without a video section it can take used to be answered and
 * then crashed the node when its session closed, so "usable video" is decided here, before.
 */
public record SdpOffer(String sdp, List<Media> media) {

    /**
     * The video codecs webrtc-java's built-in decoder factory receives (its receiver capabilities,
     * checked by {@code SdpOfferCodecsTest}); rtx, red, ulpfec and flexfec carry no picture.
     */
    static final Set<String> VIDEO_CODECS = Set.of("H264", "VP8", "VP9", "AV1");
    /** Audio codecs it decodes; red, CN and telephone-event carry no sound of their own. */
    static final Set<String> AUDIO_CODECS = Set.of("OPUS", "G722", "PCMU", "PCMA");
    /** A browser's offer is about 160 lines and 120 characters a line; simulcast and many candidates stay far below. */
    static final int MAX_LINES = 1000;
    static final int MAX_LINE_LENGTH = 1024;

    /** One m= section: its kind, port (0: rejected), whether it sends to us, its mid and its codec names. */
    public record Media(String kind, int port, String direction, String mid, List<String> codecs) {
        boolean sendsToUs() {
            return direction.equals("sendonly") || direction.equals("sendrecv");
        }

        boolean rejected() {
            return port == 0;
        }

        /** Not rejected, sending to us, and with at least one codec the node can decode. */
        boolean usable() {
            Set<String> known = kind.equals("video") ? VIDEO_CODECS : kind.equals("audio") ? AUDIO_CODECS : Set.of();
            return !rejected() && sendsToUs() && codecs.stream().anyMatch(known::contains);
        }
    }

    /** Why an offer was refused; the message goes to the client as the problem detail. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Printable text only: control characters (NUL, lone CR, escapes) never reach the native parser. */
    private static final Pattern LINE = Pattern.compile("[a-z]=[^\\p{Cntrl}]*");
    private static final Pattern RTPMAP = Pattern.compile("a=rtpmap:\\d+ ([A-Za-z0-9_.-]+)/.*");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}(/\\d+)?");
    /** Static RTP payload types (RFC 3551) an audio section may use without an rtpmap. */
    private static final List<String> STATIC_AUDIO = List.of("PCMU", "", "", "", "", "", "", "", "PCMA", "G722");

    public static SdpOffer parse(String body) throws Invalid {
        if (body == null || body.isBlank()) {
            throw new Invalid("The offer is empty: send an SDP offer as the request body.");
        }
        String[] lines = body.split("\r?\n");
        if (!lines[0].equals("v=0")) {
            throw new Invalid("Not an SDP offer: the first line must be v=0.");
        }
        if (lines.length > MAX_LINES) {
            throw new Invalid("The offer has " + lines.length + " lines; this node takes at most " + MAX_LINES + ".");
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
            if (line.length() > MAX_LINE_LENGTH) {
                throw new Invalid("Line " + (i + 1) + " of the offer is longer than " + MAX_LINE_LENGTH + " characters.");
            }
            if (!LINE.matcher(line).matches()) {
                throw new Invalid("Line " + (i + 1) + " of the offer is not an SDP line (type=value).");
            }
            if (line.startsWith("m=")) {
                if (current != null) {
                    media.add(current.build(sessionIce, sessionFingerprint, sessionDirection));
                }
                current = MediaBuilder.of(line, i + 1);
            } else if (current == null) {
                sessionIce |= line.startsWith("a=ice-ufrag:");
                sessionFingerprint |= line.startsWith("a=fingerprint:");
                sessionDirection = direction(line, sessionDirection);
            } else {
                current.take(line);
            }
        }
        if (current != null) {
            media.add(current.build(sessionIce, sessionFingerprint, sessionDirection));
        }
        SdpOffer offer = new SdpOffer(body, List.copyOf(media));
        offer.requireDistinctMids();
        if (!offer.has("video") && !offer.has("audio")) {
            throw new Invalid("The offer sends no audio or video: add a sendonly video transceiver.");
        }
        offer.requireUsable("video");
        offer.requireUsable("audio");
        return offer;
    }

    /** True when the offer has a section of that kind that sends media to us. */
    public boolean has(String kind) {
        return media.stream().anyMatch(m -> m.kind().equals(kind) && m.sendsToUs());
    }

    /**
     * True when an answer (ours, from libwebrtc) accepted a video section: a non-zero port and a
     * codec. libwebrtc rejects a section it cannot receive by answering it with port 0.
     */
    static boolean acceptsVideo(String answer) {
        Media video = null;
        List<Media> accepted = new ArrayList<>();
        for (String line : answer.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (video != null) {
                    accepted.add(video);
                }
                String[] parts = line.substring(2).split(" ");
                video = parts[0].equals("video") && parts.length >= 4 ? new Media("video", port(parts[1]), "", null, new ArrayList<>()) : null;
            } else if (video != null) {
                var rtpmap = RTPMAP.matcher(line);
                if (rtpmap.matches()) {
                    video.codecs().add(rtpmap.group(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        if (video != null) {
            accepted.add(video);
        }
        return accepted.stream().anyMatch(m -> m.port() > 0 && m.codecs().stream().anyMatch(VIDEO_CODECS::contains));
    }

    private void requireDistinctMids() throws Invalid {
        Set<String> seen = new HashSet<>();
        for (Media m : media) {
            if (m.mid() != null && !seen.add(m.mid())) {
                throw new Invalid("Two media sections share a=mid:" + m.mid() + "; every section needs its own mid (RFC 8843).");
            }
        }
    }

    /** An offer must carry usable video; audio, when it is sent, must be decodable too. */
    private void requireUsable(String kind) throws Invalid {
        List<Media> sending = media.stream().filter(m -> m.kind().equals(kind) && m.sendsToUs()).toList();
        if (sending.isEmpty()) {
            if (kind.equals("video")) {
                throw new Invalid("The offer sends no video: this node needs a video track to broadcast.");
            }
            return;
        }
        if (sending.stream().anyMatch(Media::usable)) {
            return;
        }
        if (sending.stream().allMatch(Media::rejected)) {
            throw new Invalid("The " + kind + " section is rejected (port 0): offer it with a port to broadcast it.");
        }
        Set<String> known = kind.equals("video") ? VIDEO_CODECS : AUDIO_CODECS;
        List<String> offered = sending.stream().flatMap(m -> m.codecs().stream()).distinct().toList();
        throw new Invalid("The " + kind + " section offers no codec this node can decode (offered: "
                + (offered.isEmpty() ? "none" : String.join(", ", offered)) + "; this node takes "
                + String.join(", ", known.stream().sorted().toList()) + ").");
    }

    private static int port(String field) {
        return PORT.matcher(field).matches() ? Integer.parseInt(field.split("/")[0]) : -1;
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
        final int port;
        final List<String> codecs = new ArrayList<>();
        String direction;
        String mid;
        boolean ice;
        boolean fingerprint;

        private MediaBuilder(String kind, int port) {
            this.kind = kind;
            this.port = port;
        }

        static MediaBuilder of(String line, int number) throws Invalid {
            String[] parts = line.substring(2).split(" ");
            if (parts.length < 4) {
                throw new Invalid("Line " + number + ": an m= line needs media, port, protocol and formats.");
            }
            int port = port(parts[1]);
            if (port < 0 || port > 65535) {
                throw new Invalid("Line " + number + ": the port of an m= line must be a number from 0 to 65535.");
            }
            MediaBuilder builder = new MediaBuilder(parts[0].toLowerCase(Locale.ROOT), port);
            if (builder.kind.equals("audio")) {
                for (int i = 3; i < parts.length; i++) {
                    String format = parts[i];
                    if (format.length() == 1 && Character.isDigit(format.charAt(0))
                            && !STATIC_AUDIO.get(format.charAt(0) - '0').isEmpty()) {
                        builder.codecs.add(STATIC_AUDIO.get(format.charAt(0) - '0'));
                    }
                }
            }
            return builder;
        }

        void take(String line) {
            ice |= line.startsWith("a=ice-ufrag:");
            fingerprint |= line.startsWith("a=fingerprint:");
            direction = direction(line, direction);
            if (line.startsWith("a=mid:")) {
                mid = line.substring(6);
            }
            var rtpmap = RTPMAP.matcher(line);
            if (rtpmap.matches()) {
                String codec = rtpmap.group(1).toUpperCase(Locale.ROOT);
                if (!codecs.contains(codec)) {
                    codecs.add(codec);
                }
            }
        }

        Media build(boolean sessionIce, boolean sessionFingerprint, String sessionDirection) throws Invalid {
            if (port != 0 && !ice && !sessionIce) {
                throw new Invalid("The " + kind + " section has no ICE credentials (a=ice-ufrag/a=ice-pwd).");
            }
            if (port != 0 && !fingerprint && !sessionFingerprint) {
                throw new Invalid("The " + kind + " section has no DTLS fingerprint (a=fingerprint).");
            }
            return new Media(kind, port, direction != null ? direction : sessionDirection, mid, List.copyOf(codecs));
        }
    }
}
