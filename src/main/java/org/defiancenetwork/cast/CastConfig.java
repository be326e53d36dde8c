package org.defiancenetwork.cast;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Casting: which networks the node looks for TVs and speakers on, who may use them, how patiently. */
@ConfigMapping(prefix = "defiance.cast")
public interface CastConfig {

    /** Who may see devices and cast: the TVs are the operator's, so only admins unless opened up. */
    enum Allowed { ADMINS, ACCOUNTS, EVERYONE }

    /** Discovery (mDNS, SSDP) and casting at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Network interfaces to discover on, by name; a trailing {@code *} matches a prefix
     * ({@code eth*}). Unset: every interface that is up, not loopback and multicast-capable.
     */
    Optional<List<String>> interfaces();

    @WithDefault("admins")
    Allowed allowed();

    /** How often the node searches its networks again (SSDP M-SEARCH; mDNS runs all the time). */
    @WithDefault("PT60S")
    Duration searchInterval();

    /** A discovered device that has not answered a search for this long is forgotten. */
    @WithDefault("PT3M")
    Duration deviceTimeout();

    /** Connecting to a device, and waiting for one answer from it. */
    @WithDefault("PT8S")
    Duration answerTimeout();

    /** How often a playing DLNA renderer is asked for its position (Chromecast reports by itself). */
    @WithDefault("PT1S")
    Duration pollInterval();
}
