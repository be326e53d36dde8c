package org.defiancenetwork.audigy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A URL the node follows: an .augy file or a podcast RSS feed, fetched again on a schedule. */
@Entity
@Table(name = "audio_source")
public class AudioSource extends PanacheEntityBase {

    public enum Kind { AUGY, PODCAST }

    /** What the last check found. */
    public enum Outcome { UPDATED, UNCHANGED, NOT_MODIFIED, FAILED, INVALID }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 2000)
    public String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    @Column(name = "catalogue_id")
    public Long catalogueId;

    @Column(length = 32)
    public String owner;

    @Column(length = 300)
    public String etag;

    @Column(name = "last_modified", length = 100)
    public String lastModified;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_changed_at")
    public Instant lastChangedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_outcome", length = 16)
    public Outcome lastOutcome;

    @Column(name = "last_error", length = 4000)
    public String lastError;

    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
