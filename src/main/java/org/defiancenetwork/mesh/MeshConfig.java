package org.defiancenetwork.mesh;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The viewers' mesh: signaling limits, neighbour degree, direct mode and ICE servers. */
@ConfigMapping(prefix = "defiance.mesh")
public interface MeshConfig {

    /** Most neighbours a viewer exchanges segments with. */
    @WithDefault("5")
    @Min(1)
    @Max(20)
    int maxDegree();

    /** The first viewers of a broadcast get its media straight from the broadcaster's page. */
    @WithDefault("3")
    @Min(0)
    @Max(10)
    int directViewers();

    /** Largest signaling message accepted; SDP fits easily. */
    @WithDefault("16384")
    @Min(1024)
    int maxMessageBytes();

    /** Average signaling messages per second per connection. */
    @WithDefault("20")
    @Min(1)
    int messagesPerSecond();

    /** Short bursts above the average, e.g. a batch of ICE candidates. */
    @WithDefault("60")
    @Min(1)
    int messageBurst();

    /** A peer silent for this long (no heartbeat) is dropped. */
    @WithDefault("PT30S")
    Duration idleTimeout();

    /**
     * Distinct reporters (accounts, or network addresses for viewers not signed in) whose reports
     * of bad segments from a peer count before the node cuts it off from everyone.
     */
    @WithDefault("2")
    @Min(1)
    int reportsToDrop();

    /** Signaling sockets one network address may hold open at once (a household or office shares one). */
    @WithDefault("16")
    @Min(1)
    int socketsPerAddress();

    /**
     * Most bytes per second a viewer's reports may add to the byte counters and relay credit; a
     * claim beyond it is clamped (128 Mbit/s by default, far above any rendition).
     */
    @WithDefault("16000000")
    @Min(1)
    long maxBytesPerSecond();

    /** STUN servers offered to browsers, e.g. stun:stun.example.org:3478. */
    Optional<List<String>> stunUrls();

    /** A TURN server in coturn's shared-secret mode. */
    Optional<Turn> turn();

    interface Turn {
        /** TURN URLs, e.g. turn:turn.example.org:3478?transport=udp. */
        List<String> urls();

        /** coturn's static-auth-secret; stays on the node. */
        String secret();

        /**
         * How long minted credentials last; one hour when unset. (No @WithDefault: a default would
         * make the whole optional group count as configured.)
         */
        Optional<Duration> credentialLifetime();
    }
}
