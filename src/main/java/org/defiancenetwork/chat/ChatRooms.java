package org.defiancenetwork.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.RateLimit;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Who is in which chat on this node, and delivery of chat events (from any node, via
 * chat-messages) to them.
 */
@ApplicationScoped
public class ChatRooms {

    private static final Logger LOG = Logger.getLogger(ChatRooms.class);

    /** One chatter's seat: the chat it is in, who it is, and the connection's own message budget. */
    record Seat(String broadcastId, Chatter chatter, RateLimit rate) {
    }

    private final Map<String, Seat> seats = new ConcurrentHashMap<>();
    private final OpenConnections connections;
    private final EventJson json;

    ChatRooms(OpenConnections connections, EventJson json) {
        this.connections = connections;
        this.json = json;
    }

    void enter(String connectionId, String broadcastId, Chatter chatter, RateLimit rate) {
        seats.put(connectionId, new Seat(broadcastId, chatter, rate));
    }

    /** The addresses that guests of this name are chatting from in this broadcast on this node. */
    java.util.Set<String> guestAddresses(String broadcastId, String nickname) {
        return seats.values().stream()
                .filter(s -> s.broadcastId().equals(broadcastId) && s.chatter().guest() && s.chatter().name().equals(nickname))
                .map(s -> s.chatter().address())
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
    }

    Seat seat(String connectionId) {
        return seats.get(connectionId);
    }

    void leave(String connectionId) {
        seats.remove(connectionId);
    }

    @Incoming(EventChannels.CHAT_MESSAGES)
    void deliver(String event) {
        ChatEvent e;
        try {
            e = json.read(event, ChatEvent.class);
        } catch (RuntimeException bad) {
            LOG.warnf("ignored chat event: %s", bad.getMessage());
            return;
        }
        String text = json.write(ChatSocket.Outgoing.of(e));
        for (WebSocketConnection c : connections.listAll()) {
            Seat seat = seats.get(c.id());
            if (seat != null && seat.broadcastId().equals(e.broadcastId())) {
                c.sendText(text).subscribe().with(ok -> { }, fail -> { });
            }
        }
    }
}
