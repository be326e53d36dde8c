package org.defiancenetwork.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Another node this node knows of: where it lives, what it proved about itself, how it behaves.
 * Updates write only the columns they changed: the prober and the signature checks change the same
 * row at the same time, and a full-row update from the prober would undo a block.
 */
@Entity
@DynamicUpdate
@Table(name = "discovery_peer")
public class PeerNode extends PanacheEntityBase {

    /** How the node came to be known. */
    public enum Source { REGISTRY, PEER, OPERATOR, FOLLOWER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "node_id", length = 40, unique = true)
    public String nodeId;

    @Column(name = "pinned_id", length = 40)
    public String pinnedId;

    @Column(name = "public_key", length = 64)
    public String publicKey;

    @Column(name = "base_url", length = 300, nullable = false, unique = true)
    public String baseUrl;

    @Column(length = 100)
    public String name;

    @Column(length = 60)
    public String region;

    /** Comma-separated, as the descriptor lists them. */
    @Column(length = 200)
    public String capabilities;

    @Column(name = "software_version", length = 60)
    public String softwareVersion;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Source source;

    /** This node asks it for announcements. */
    @Column(nullable = false)
    public boolean following;

    @Column(name = "follow_acknowledged", nullable = false)
    public boolean followAcknowledged;

    /** It asked this node for announcements: they are pushed to it. */
    @Column(nullable = false)
    public boolean follower;

    @Column(nullable = false)
    public boolean blocked;

    @Column(name = "block_reason", length = 300)
    public String blockReason;

    @Column(name = "bad_signatures", nullable = false)
    public int badSignatures;

    @Column(nullable = false)
    public boolean reachable;

    @Column(name = "success_weight", nullable = false)
    public double successWeight;

    @Column(name = "attempt_weight", nullable = false)
    public double attemptWeight;

    @Column(nullable = false)
    public int probes;

    /** Failed probes since the last success. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "rtt_ms")
    public Integer rttMs;

    @Column(name = "last_error", length = 300)
    public String lastError;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "last_probe")
    public Instant lastProbe;

    @Column(name = "next_probe", nullable = false)
    public Instant nextProbe;

    @Column(name = "last_pull")
    public Instant lastPull;

    public static Optional<PeerNode> byNodeId(String nodeId) {
        return find("nodeId", nodeId).firstResultOptional();
    }

    public static Optional<PeerNode> byBaseUrl(String baseUrl) {
        return find("baseUrl", baseUrl).firstResultOptional();
    }

    public static List<PeerNode> followers() {
        return list("follower = true and blocked = false and nodeId is not null");
    }

    ProbeHistory history() {
        return new ProbeHistory(successWeight, attemptWeight, failures);
    }

    void history(ProbeHistory h) {
        successWeight = h.successWeight();
        attemptWeight = h.attemptWeight();
        failures = h.failures();
    }

    /** Probes' decaying success ratio from 0 to 1; empty before the first probe. */
    public Optional<Double> reliability() {
        return history().reliability();
    }
}
