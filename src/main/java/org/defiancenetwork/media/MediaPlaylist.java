package org.defiancenetwork.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An HLS media playlist (RFC 8216 §4.3) reduced to what a recording needs: its segments, their
 * durations and wall-clock times, and whether it is complete.
 */
public record MediaPlaylist(int version, int targetDuration, List<Segment> segments, boolean ended) {

    /** One segment: its URI, its EXTINF duration, and the EXT-X-PROGRAM-DATE-TIME before it, if any. */
    public record Segment(String uri, double seconds, String programDateTime, boolean discontinuity) {
    }

    public static MediaPlaylist parse(String text) {
        int version = 3;
        int target = 0;
        boolean ended = false;
        List<Segment> segments = new ArrayList<>();
        Double pendingDuration = null;
        String pendingDateTime = null;
        boolean pendingDiscontinuity = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(line.substring(15).trim());
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Integer.parseInt(line.substring(22).trim());
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
                segments.add(new Segment(line, pendingDuration, pendingDateTime, pendingDiscontinuity));
                pendingDuration = null;
                pendingDateTime = null;
                pendingDiscontinuity = false;
            }
        }
        return new MediaPlaylist(version, target, List.copyOf(segments), ended);
    }

    public double totalSeconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
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
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** Keeps only the segments for which the predicate holds, e.g. those whose file is complete. */
    public MediaPlaylist retain(Predicate<Segment> keep) {
        return new MediaPlaylist(version, targetDuration, segments.stream().filter(keep).toList(), ended);
    }
}
