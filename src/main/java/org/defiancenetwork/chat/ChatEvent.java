package org.defiancenetwork.chat;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What happened in a broadcast's chat, as it travels on chat-messages to every node: a new
 * message, a deleted one, a changed slow mode, or a notice (a ban, a time-out).
 */
@RegisterForReflection
public record ChatEvent(String broadcastId, Kind kind, Long id, String author, boolean guest, String text, Integer seconds,
        Instant at) {

    public enum Kind { MESSAGE, DELETED, SLOW, NOTICE }
}
