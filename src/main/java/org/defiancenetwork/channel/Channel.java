package org.defiancenetwork.channel;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where a broadcaster's broadcasts live: addressed by its slug at /c/{slug}. */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 40, unique = true)
    public String slug;

    @Column(nullable = false, length = 100)
    public String title;

    @Column(nullable = false, length = 2000)
    public String description = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @OneToOne
    @JoinColumn(name = "owner_id")
    public Account owner;

    /** SHA-256 of the stream key in hex; the key itself is shown once and never stored. */
    @Column(name = "stream_key_hash", length = 64)
    public String streamKeyHash;

    @Column(name = "stream_key_created_at")
    public Instant streamKeyCreatedAt;

    /** Seconds a chatter must wait between two messages; 0 is off. */
    @Column(name = "chat_slow_seconds", nullable = false)
    public int chatSlowSeconds;

    public static Channel findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    public static Channel findByOwner(String username) {
        return find("owner.username", username).firstResult();
    }
}
