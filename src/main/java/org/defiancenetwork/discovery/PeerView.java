package org.defiancenetwork.discovery;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A known node and its probe state, for the admin API and page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeerView(long id, String nodeId, String name, String baseUrl, String region, String capabilities,
        String version, String source, boolean following, boolean followAcknowledged, boolean follower, boolean blocked,
        String blockReason, int badSignatures, boolean reachable, Double reliability, Integer rttMs, int probes,
        int failures, String lastError, Instant lastSeen, Instant lastProbe, Instant nextProbe) {

    static PeerView of(PeerNode p) {
        return new PeerView(p.id, p.nodeId, p.name, p.baseUrl, p.region, p.capabilities, p.softwareVersion,
                p.source.name().toLowerCase(), p.following, p.followAcknowledged, p.follower, p.blocked, p.blockReason,
                p.badSignatures, p.reachable, p.reliability().map(r -> Math.round(r * 1000) / 1000.0).orElse(null),
                p.rttMs, p.probes, p.failures, p.lastError, p.lastSeen, p.lastProbe, p.nextProbe);
    }

    /** Reliability as a percentage for the page; empty before the first probe. */
    public String reliabilityText() {
        return reliability == null ? "–" : Math.round(reliability * 100) + " %";
    }

    public String label() {
        return name != null ? name : baseUrl;
    }
}
