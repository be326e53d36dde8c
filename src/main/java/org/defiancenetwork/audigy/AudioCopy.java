package org.defiancenetwork.audigy;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What this node holds of one entry's audio: a verified copy it serves, or why it has none (the
 * origin gave a file that does not match the catalogue, or no origin could be reached).
 */
@Entity
@Table(name = "audio_copy")
public class AudioCopy extends PanacheEntityBase {

    public enum State { FETCHING, VERIFIED, UNVERIFIED, MISMATCH, UNAVAILABLE, EVICTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "entry_id", nullable = false, length = 36)
    public String entryId;

    @Column(name = "node_id", nullable = false, length = 64)
    public String nodeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    /** The entry's URIs and checksums when the copy was made: a changed entry needs a new copy. */
    @Column(nullable = false, length = 64)
    public String fingerprint;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(length = 64)
    public String sha256;

    @Column(name = "content_type", length = 100)
    public String contentType;

    @Column(name = "source_uri", length = 2000)
    public String sourceUri;

    @Column(length = 4000)
    public String detail;

    /** Copies the node made itself (recordings) are never evicted. */
    @Column(nullable = false)
    public boolean pinned;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    @Column(name = "last_played_at")
    public Instant lastPlayedAt;

    static Optional<AudioCopy> of(String entryId, String nodeId) {
        return find("entryId = ?1 and nodeId = ?2", entryId, nodeId).firstResultOptional();
    }
}
