package org.defiancenetwork.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One chat line under a broadcast, kept as typed: escaping is the job of whoever displays it. */
@Entity
@Table(name = "chat_message")
public class ChatMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "broadcast_id", nullable = false, length = 16)
    public String broadcastId;

    @Column(nullable = false, length = 40)
    public String author;

    @Column(nullable = false)
    public boolean guest;

    @Column(nullable = false, length = 2000)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public boolean deleted;

    /** The newest {@code limit} visible messages, oldest first. */
    static List<ChatMessage> recent(String broadcastId, int limit) {
        List<ChatMessage> messages = new ArrayList<>(find("broadcastId = ?1 and deleted = false order by id desc", broadcastId)
                .page(0, limit).list());
        Collections.reverse(messages);
        return messages;
    }
}
