package org.defiancenetwork.chat;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A ban (no end) or a time-out (an end) of one chatter in one channel. */
@Entity
@Table(name = "chat_restriction")
public class ChatRestriction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_id", nullable = false)
    public Long channelId;

    /** The chatter's key: a username, or "guest:" and the nickname. */
    @Column(nullable = false, length = 40)
    public String author;

    /** For a guest: the hashed address it chatted from, so a new nickname does not escape the restriction. */
    @Column(name = "address_hash", length = 64)
    public String addressHash;

    /** Null for a ban. */
    @Column(name = "until")
    public Instant until;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The restriction in force now, if any: a ban wins over a time-out. */
    static ChatRestriction current(long channelId, String author, Instant now) {
        return ChatRestriction.<ChatRestriction>find("channelId = ?1 and author = ?2 and (until is null or until > ?3)"
                + " order by until desc nulls first", channelId, author, now).firstResult();
    }

    /** The restriction in force now on a guest from this address, whatever nickname it took. */
    static ChatRestriction currentForAddress(long channelId, String addressHash, Instant now) {
        return ChatRestriction.<ChatRestriction>find("channelId = ?1 and addressHash = ?2 and (until is null or until > ?3)"
                + " order by until desc nulls first", channelId, addressHash, now).firstResult();
    }
}
