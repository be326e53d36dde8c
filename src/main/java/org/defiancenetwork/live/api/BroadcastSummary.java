package org.defiancenetwork.live.api;

import java.time.Instant;

/** What pages and APIs show of a broadcast, without exposing the entity. */
public record BroadcastSummary(
        String id,
        String title,
        String channelSlug,
        String channelTitle,
        BroadcastState state,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        boolean hasRecording) {

    public boolean live() {
        return state == BroadcastState.LIVE;
    }

    public String watchUrl() {
        return "/watch/" + id;
    }

    /** Length as h:mm:ss or m:ss, the way players show it. */
    public String durationText() {
        return Durations.clock(durationMs);
    }
}
