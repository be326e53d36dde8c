package org.defiancenetwork.live;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of live ingest. */
@ConfigMapping(prefix = "defiance.live")
public interface LiveConfig {

    /**
     * Broadcasts this node transcodes at once; one more is answered 503. A 640x480 broadcast costs
     * about a quarter of a core (bench/capacity.mjs), so 4 leaves a 2-core node headroom.
     */
    @WithDefault("4")
    @Min(1)
    @Max(100)
    int maxBroadcasts();

    /** How long a broadcaster may be disconnected before the broadcast ends; a reconnect within it continues it. */
    @WithDefault("PT15S")
    Duration disconnectGrace();

    /** How long a broadcast may wait for its first picture before it is given up. */
    @WithDefault("PT30S")
    Duration firstFrameTimeout();

    /**
     * How long an answered offer may take to reach ICE connected before its broadcast ends and
     * frees its slot; a real client connects in well under a second.
     */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** WHIP offers one account may make per minute (and at once); one more is answered 429. */
    @WithDefault("20")
    @Min(1)
    int offersPerMinutePerAccount();

    /** WHIP offers one client address may make per minute (and at once), whoever it signs in as. */
    @WithDefault("60")
    @Min(1)
    int offersPerMinutePerAddress();

    /** How long the WHIP answer may take (ICE gathering included). */
    @WithDefault("PT5S")
    Duration answerTimeout();

    /** Viewers count as watching for this long after their last heartbeat. */
    @WithDefault("PT30S")
    Duration viewerExpiry();

    /**
     * Most viewers one network address counts as; a household or office behind one address stays
     * under it, a script inventing viewer ids does not get past it.
     */
    @WithDefault("8")
    @Min(1)
    int viewersPerAddress();
}
