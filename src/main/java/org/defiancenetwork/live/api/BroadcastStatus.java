package org.defiancenetwork.live.api;

import java.time.Instant;

/** A broadcast as the watch page, the broadcaster's health panel and API clients see it. */
public record BroadcastStatus(
        String id,
        String title,
        String channelSlug,
        String channelTitle,
        BroadcastState state,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        String failureReason,
        int viewers,
        int peakViewers,
        String playlistUrl,
        String recordingUrl,
        String posterUrl,
        Ingest ingest,
        TranscoderHealth transcoder) {

    public String durationText() {
        return Durations.clock(durationMs);
    }

    /** What the node receives from the broadcaster. */
    public record Ingest(String connection, long framesReceived, long framesDropped, long audioSamplesReceived,
            int width, int height, int sourceWidth, int sourceHeight) {
    }

    /** How FFmpeg keeps up: speed 1.0 means real time. */
    public record TranscoderHealth(boolean running, double fps, double speed, long frames, String renditions) {
    }
}
