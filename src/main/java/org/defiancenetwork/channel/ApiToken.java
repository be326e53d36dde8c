package org.defiancenetwork.channel;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A personal API token: lets the command line and scripts call the node's API as its account
 * ({@code Authorization: Bearer dnt_...}). Shown once when created; only its SHA-256 is kept.
 */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    /** Tells tokens apart from stream keys ({@code live_}) at a glance and in secret scanners. */
    static final String PREFIX = "dnt_";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    public Account account;

    @Column(nullable = false, length = 60)
    public String name;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    static ApiToken findByHash(String hash) {
        return find("tokenHash", hash).firstResult();
    }

    static List<ApiToken> ofAccount(String username) {
        return list("account.username = ?1 order by id", username);
    }
}
