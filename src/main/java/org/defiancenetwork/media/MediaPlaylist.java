package org.defiancenetwork.media;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An HLS media playlist (RFC 8216 §4.3) reduced to what this node's FFmpeg writes and a recording
 * needs: its segments, their durations and wall-clock times, their sequence numbers, and whether it
 * is complete.
 */
public record MediaPlaylist(int version, int targetDuration, long mediaSequence, long discontinuitySequence,
        boolean independentSegments, List<Segment> segments, boolean ended) {

    /** One segment: its URI, its EXTINF duration, and the EXT-X-PROGRAM-DATE-TIME before it, if any. */
    public record Segment(String uri, double seconds, String programDateTime, boolean discontinuity) {
    }

    public static MediaPlaylist parse(String text) {
        Parser parser = new Parser(Integer.MAX_VALUE, s -> { });
        for (String line : text.split("\r?\n")) {
            parser.accept(line);
        }
        return parser.playlist();
    }

    /**
     * Reads a playlist line by line and may keep only its last segments, numbered as in the whole
     * playlist: a playlist of a day-long broadcast can then be followed as it grows, a few new lines
     * at a time, without holding or re-reading what came before.
     */
    static final class Parser {

        private final int kept;
        private final Consumer<Segment> listed;
        private final ArrayDeque<Segment> segments = new ArrayDeque<>();
        private int version = 3;
        private int target;
        private long mediaSequence;
        private long discontinuitySequence;
        private boolean independent;
        private boolean ended;
        private Double pendingDuration;
        private String pendingDateTime;
        private boolean pendingDiscontinuity;
        private double longest;

        /** Keeps the last {@code kept} segments and tells {@code listed} of each segment as it is read. */
        Parser(int kept, Consumer<Segment> listed) {
            this.kept = kept;
            this.listed = listed;
        }

        void accept(String raw) {
            String line = raw.trim();
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(line.substring(15).trim());
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Integer.parseInt(line.substring(22).trim());
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                mediaSequence = Long.parseLong(line.substring(22).trim());
            } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                discontinuitySequence = Long.parseLong(line.substring(30).trim());
            } else if (line.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                independent = true;
            } else if (line.startsWith("#EXTINF:")) {
                String value = line.substring(8);
                int comma = value.indexOf(',');
                pendingDuration = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
            } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pendingDateTime = line.substring(25);
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                pendingDiscontinuity = true;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (!line.startsWith("#") && pendingDuration != null) {
                Segment segment = new Segment(line, pendingDuration, pendingDateTime, pendingDiscontinuity);
                segments.addLast(segment);
                longest = Math.max(longest, segment.seconds());
                listed.accept(segment);
                pendingDuration = null;
                pendingDateTime = null;
                pendingDiscontinuity = false;
                if (segments.size() > kept) {
                    mediaSequence++;
                    if (segments.removeFirst().discontinuity()) {
                        discontinuitySequence++;
                    }
                }
            }
        }

        /** Between segments: nothing read belongs to a segment whose URI line has not come yet. */
        boolean betweenSegments() {
            return pendingDuration == null && pendingDateTime == null && !pendingDiscontinuity;
        }

        /**
         * The target duration is at least every segment's duration rounded (RFC 8216 §4.3.3.1), over
         * all segments ever read, so it never shrinks: FFmpeg 5.1 declares 0 for half-second segments.
         */
        MediaPlaylist playlist() {
            return new MediaPlaylist(version, Math.max(target, (int) Math.round(longest)), mediaSequence, discontinuitySequence, independent,
                    List.copyOf(segments), ended);
        }
    }

    /** A media playlist (it has a target duration) that may still grow: the one case served as a window. */
    public boolean isLive() {
        return targetDuration > 0 && !ended;
    }

    public double totalSeconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /**
     * The last {@code count} segments, numbered as they were in the whole playlist. Never shorter than
     * three target durations while there are older segments, because RFC 8216 §6.2.2 forbids a server
     * to remove a segment when the playlist would then last less than that. Discontinuities that fall
     * out of the window move into the discontinuity sequence (§6.2.2 again), so renditions stay aligned.
     */
    public MediaPlaylist window(int count) {
        int start = Math.max(0, segments.size() - Math.max(1, count));
        double seconds = segments.subList(start, segments.size()).stream().mapToDouble(Segment::seconds).sum();
        while (start > 0 && seconds < 3.0 * targetDuration) {
            start--;
            seconds += segments.get(start).seconds();
        }
        long droppedDiscontinuities = segments.subList(0, start).stream().filter(Segment::discontinuity).count();
        return new MediaPlaylist(version, targetDuration, mediaSequence + start, discontinuitySequence + droppedDiscontinuities,
                independentSegments, segments.subList(start, segments.size()), ended);
    }

    /**
     * This playlist as a live one: no EXT-X-PLAYLIST-TYPE, because an EVENT playlist promises never to
     * drop a segment (RFC 8216 §4.3.3.5) and a window drops them all the time.
     */
    public String toLive() {
        StringBuilder out = new StringBuilder()
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:").append(version).append('\n')
                .append("#EXT-X-TARGETDURATION:").append(targetDuration).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(mediaSequence).append('\n');
        if (discontinuitySequence > 0) {
            out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        }
        if (independentSegments) {
            out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        }
        appendSegments(out, "");
        return out.append(ended ? "#EXT-X-ENDLIST\n" : "").toString();
    }

    /** The same segments as a finished VOD playlist whose URIs are prefixed, e.g. with "source/". */
    public String toVod(String uriPrefix) {
        int target = Math.max(targetDuration,
                (int) Math.ceil(segments.stream().mapToDouble(Segment::seconds).max().orElse(1)));
        StringBuilder out = new StringBuilder()
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:").append(version).append('\n')
                .append("#EXT-X-TARGETDURATION:").append(target).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n")
                .append("#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        appendSegments(out, uriPrefix);
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** Keeps only the segments for which the predicate holds, e.g. those whose file is complete. */
    public MediaPlaylist retain(Predicate<Segment> keep) {
        return new MediaPlaylist(version, targetDuration, mediaSequence, discontinuitySequence, independentSegments,
                segments.stream().filter(keep).toList(), ended);
    }

    private void appendSegments(StringBuilder out, String uriPrefix) {
        for (Segment s : segments) {
            if (s.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.programDateTime() != null) {
                out.append("#EXT-X-PROGRAM-DATE-TIME:").append(s.programDateTime()).append('\n');
            }
            out.append(String.format(Locale.ROOT, "#EXTINF:%.6f,", s.seconds())).append('\n')
                    .append(uriPrefix).append(s.uri()).append('\n');
        }
    }
}
