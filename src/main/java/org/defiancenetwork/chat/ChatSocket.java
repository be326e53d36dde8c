package org.defiancenetwork.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.Roles;
import org.defiancenetwork.platform.SecurityConfig;
import org.defiancenetwork.platform.events.EventJson;
import org.defiancenetwork.platform.net.ConnectionsPerAddress;
import org.defiancenetwork.platform.net.WebSocketCloses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Chat of a broadcast at /api/chat/{broadcast}. On open: who you are, the slow mode, and the last
 * messages. Then JSON messages with a type: post, and for the channel's owner delete, timeout,
 * ban, unban and slow. Refusals come back as {type: error, code, message} to the sender only.
 */
@WebSocket(path = "/api/chat/{broadcast}")
public class ChatSocket {

    private static final Pattern NICK = Pattern.compile("(?:^|&)nick=([A-Za-z0-9_-]{2,24})(?:&|$)");
    private static final int MAX_FRAME = 8 * 1024;

    /** What chatters receive. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outgoing(String type, Long id, String author, Boolean guest, String text, Instant at, Integer seconds,
            String code, String message, List<ChatService.Line> messages, Boolean moderator, Boolean signInRequired) {

        static Outgoing of(ChatEvent e) {
            return switch (e.kind()) {
                case MESSAGE -> new Outgoing("message", e.id(), e.author(), e.guest(), e.text(), e.at(), null, null, null, null, null, null);
                case DELETED -> new Outgoing("deleted", e.id(), null, null, null, null, null, null, null, null, null, null);
                case SLOW -> new Outgoing("slow", null, null, null, null, null, e.seconds(), null, null, null, null, null);
                case NOTICE -> new Outgoing("notice", null, e.author(), e.guest(), e.text(), e.at(), e.seconds(), null, null, null, null, null);
            };
        }

        static Outgoing error(String code, String message) {
            return new Outgoing("error", null, null, null, null, null, null, code, message, null, null, null);
        }
    }

    @Inject
    ChatService chat;

    @Inject
    ChatRooms rooms;

    @Inject
    SecurityIdentity identity;

    @Inject
    EventJson json;

    @Inject
    ObjectMapper mapper;

    @Inject
    SecurityConfig security;

    ConnectionsPerAddress perAddress;

    @PostConstruct
    void limits() {
        perAddress = new ConnectionsPerAddress(security.socketsPerAddress());
    }

    @OnOpen
    void open(WebSocketConnection connection, @PathParam String broadcast) {
        if (!perAddress.tryOpen(connection.id(), ConnectionsPerAddress.host(connection.handshakeRequest().remoteAddress()))) {
            send(connection, Outgoing.error("too-many-connections", "At most " + perAddress.max() + " chat sockets per address."));
            connection.close(new CloseReason(WebSocketCloses.POLICY_VIOLATION)).subscribe().with(ok -> { }, fail -> { });
            return;
        }
        ChatService.Room room = chat.room(broadcast).orElse(null);
        if (room == null) {
            send(connection, Outgoing.error("unknown-broadcast", "There is no broadcast " + broadcast + "."));
            connection.close().subscribe().with(ok -> { }, fail -> { });
            return;
        }
        Chatter chatter;
        String address = addressOf(connection.handshakeRequest().remoteAddress());
        if (identity.isAnonymous()) {
            String query = connection.handshakeRequest().query();
            Matcher m = NICK.matcher(query == null ? "" : query);
            chatter = new Chatter(m.find() ? m.group(1) : "guest-" + UUID.randomUUID().toString().substring(0, 6), true, false,
                    address);
        } else {
            String name = identity.getPrincipal().getName();
            chatter = new Chatter(name, false, name.equals(room.owner()) || identity.hasRole(Roles.ADMIN), address);
        }
        rooms.enter(connection.id(), broadcast, chatter, chat.connectionRate());
        String welcome = json.write(new Outgoing("welcome", null, chatter.name(), chatter.guest(), null, null,
                chat.slowSeconds(room), null, null, null, chatter.moderator(), chat.config().requireSignIn()));
        String history = json.write(new Outgoing("history", null, null, null, null, null, null, null, null,
                chat.history(broadcast), null, null));
        // Sends from a worker thread are not ordered among themselves; clients read the welcome first.
        connection.sendText(welcome).chain(() -> connection.sendText(history)).subscribe().with(ok -> { }, fail -> { });
    }

    @OnTextMessage
    void message(String text, WebSocketConnection connection) {
        ChatRooms.Seat seat = rooms.seat(connection.id());
        if (seat == null) {
            return;
        }
        if (text.length() > MAX_FRAME) {
            send(connection, Outgoing.error("too-long", "Messages are limited to " + chat.config().maxLength() + " characters."));
            return;
        }
        JsonNode m;
        try {
            m = mapper.readTree(text);
        } catch (Exception e) {
            send(connection, Outgoing.error("bad-message", "Chat messages are JSON objects with a type."));
            return;
        }
        ChatService.Room room = chat.room(seat.broadcastId()).orElse(null);
        if (room == null) {
            return;
        }
        Chatter me = seat.chatter();
        try {
            switch (m.path("type").asText("")) {
                case "post" -> chat.post(room, me, seat.rate(), m.path("text").asText(null));
                case "delete" -> chat.delete(room, me, m.path("id").asLong(-1));
                case "timeout" -> chat.restrict(room, me, m.path("author").asText(null), m.path("guest").asBoolean(false),
                        m.path("seconds").asInt(0));
                case "ban" -> chat.restrict(room, me, m.path("author").asText(null), m.path("guest").asBoolean(false), null);
                case "unban" -> chat.unban(room, me, m.path("author").asText(null), m.path("guest").asBoolean(false));
                case "slow" -> chat.slowMode(room, me, m.path("seconds").asInt(-1));
                default -> send(connection, Outgoing.error("unknown-type", "Unknown message type."));
            }
        } catch (ChatService.Refused refused) {
            send(connection, Outgoing.error(refused.code, refused.getMessage()));
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        perAddress.closed(connection.id());
        rooms.leave(connection.id());
    }

    /** A hash of the host part of "host:port" (IPv6 in brackets): limits and bans need to compare addresses, not keep them. */
    static String addressOf(String remote) {
        if (remote == null || remote.isBlank()) {
            return null;
        }
        return Hashing.sha256Hex("chat-address:" + ConnectionsPerAddress.host(remote));
    }

    private void send(WebSocketConnection connection, Outgoing message) {
        connection.sendText(json.write(message)).subscribe().with(ok -> { }, fail -> { });
    }
}
