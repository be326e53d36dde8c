package org.defiancenetwork.audigy;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audio feature (README, section Audio). */
@ConfigMapping(prefix = "defiance.audio")
public interface AudioConfig {

    /** When the node keeps a verified copy of an entry's audio. */
    enum CacheMode {
        /** When someone first plays the entry. */
        ON_PLAY,
        /** As soon as the catalogue is imported. */
        ON_IMPORT,
        /** Never: players fetch from the origin themselves, unverified. */
        OFF
    }

    @WithDefault("on-play")
    CacheMode cache();

    /** Disk the verified copies may take; the least recently played go first. */
    @WithDefault("2G")
    MemorySize cacheMaxSize();

    /** The largest audio file the node fetches for its cache. */
    @WithDefault("1G")
    MemorySize maxAudioSize();

    /** An HTTP gateway for ipfs:// URIs, e.g. https://ipfs.io; without one they are unavailable. */
    Optional<String> ipfsGateway();

    /** Let users point the node at private and loopback addresses (tests, closed networks). */
    @WithDefault("false")
    boolean allowPrivateSources();

    /** How often subscribed sources are fetched again. */
    @WithDefault("PT1H")
    Duration refreshInterval();

    /** Longest wait for an origin to answer. */
    @WithDefault("PT30S")
    Duration fetchTimeout();
}
