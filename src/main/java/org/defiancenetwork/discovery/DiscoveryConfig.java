package org.defiancenetwork.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Federation: how this node finds other nodes, what it tells them and what it accepts from them. */
@ConfigMapping(prefix = "defiance.discovery")
public interface DiscoveryConfig {

    /**
     * Bootstrap registries in the peer-registry.json format: http(s) URLs or file paths. The last
     * good copy of each is kept in the data dir, so the node starts even when a registry is down.
     */
    Optional<List<String>> registries();

    /** How often registries are fetched again (conditional GET). */
    @WithDefault("PT5M")
    Duration registryRefresh();

    /**
     * Fetch from private, loopback and link-local addresses (a LAN, or tests on one machine).
     * Off on the internet: otherwise a peer could make this node probe what sits behind it.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Region this node names in its descriptor and registry, e.g. eu-west. */
    Optional<String> region();

    /** What this node offers other nodes. */
    @WithDefault("live,mesh")
    List<String> capabilities();

    /** Peers from registries are followed (their announcements asked for) unless the operator unfollows them. */
    @WithDefault("true")
    boolean followRegistryNodes();

    /** How often a reachable peer's descriptor is fetched again. */
    @WithDefault("PT1M")
    Duration probeInterval();

    /** The longest wait between probes of a peer that keeps failing (the wait doubles per failure). */
    @WithDefault("PT30M")
    Duration maxBackoff();

    /** A peer not seen for this long is forgotten (blocked peers are kept, so they stay blocked). */
    @WithDefault("P7D")
    Duration forgetAfter();

    /** How often followed peers are asked for announcements as well as pushing them (a missed push is caught up). */
    @WithDefault("PT2M")
    Duration pullInterval();

    /** Lifetime of this node's announcements; live ones are renewed at a third of it. */
    @WithDefault("PT90S")
    Duration announcementLifetime();

    /** How far announcements travel: 2 means followers of followers hear of a broadcast. */
    @WithDefault("2")
    @Min(1)
    @Max(8)
    int hopLimit();

    /** Time limit of every fetch and push. */
    @WithDefault("PT10S")
    Duration fetchTimeout();

    /** Largest registry file accepted. */
    @WithDefault("1048576")
    @Min(1024)
    long maxRegistryBytes();

    /** Largest message (descriptor, announcement list, push) accepted from a peer. */
    @WithDefault("262144")
    @Min(1024)
    int maxMessageBytes();

    /** Clock difference tolerated in signed times (issued, sent). */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /** Pushes accepted per minute from one peer, on average. */
    @WithDefault("300")
    @Min(1)
    int pushesPerMinute();

    /** Short bursts of pushes above that average. */
    @WithDefault("30")
    @Min(1)
    int pushBurst();

    /** Bad signatures a peer may send before it is blocked (the first one marks it). */
    @WithDefault("3")
    @Min(1)
    int badSignaturesToBlock();
}
