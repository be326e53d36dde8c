package org.defiancenetwork.media.api;

import java.util.HashMap;
import java.util.Map;

/**
 * FFmpeg's -progress output, one block of key=value lines ending in progress=continue|end, folded
 * into the figures a broadcaster's health panel shows.
 */
public record TranscoderProgress(long frames, double fps, double speed, long outTimeMs, long droppedFrames,
        long duplicatedFrames, boolean ended) {

    public static final TranscoderProgress NONE = new TranscoderProgress(0, 0, 0, 0, 0, 0, false);

    /** Accumulates lines; {@link #accept} returns a complete snapshot at the end of each block. */
    public static final class Reader {
        private final Map<String, String> block = new HashMap<>();

        public TranscoderProgress accept(String line) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            block.put(key, value);
            if (!key.equals("progress")) {
                return null;
            }
            TranscoderProgress progress = new TranscoderProgress(
                    longOf("frame"),
                    doubleOf("fps", ""),
                    doubleOf("speed", "x"),
                    longOf("out_time_us") / 1000,
                    longOf("drop_frames"),
                    longOf("dup_frames"),
                    value.equals("end"));
            block.clear();
            return progress;
        }

        private long longOf(String key) {
            try {
                return Long.parseLong(block.getOrDefault(key, "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private double doubleOf(String key, String suffix) {
            String value = block.getOrDefault(key, "0");
            if (value.endsWith(suffix)) {
                value = value.substring(0, value.length() - suffix.length());
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
