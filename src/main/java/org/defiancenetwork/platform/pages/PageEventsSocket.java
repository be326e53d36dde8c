package org.defiancenetwork.platform.pages;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.defiancenetwork.platform.SecurityConfig;
import org.defiancenetwork.platform.net.ConnectionsPerAddress;
import org.defiancenetwork.platform.net.WebSocketCloses;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * /api/events follows the home page's topic; /api/events?broadcast={id} that broadcast's events
 * and viewer count (watch and broadcast pages); {@code &topic=name:id} adds further topics a
 * feature publishes (at most {@value #MAX_TOPICS}).
 */
@WebSocket(path = "/api/events")
public class PageEventsSocket {

    static final int MAX_TOPICS = 8;
    private static final Pattern BROADCAST = Pattern.compile("(?:^|&)broadcast=([a-z2-7]{16})(?=&|$)");
    private static final Pattern TOPIC = Pattern.compile("(?:^|&)topic=([a-z]{1,16}(?::[A-Za-z0-9_-]{1,64})?)(?=&|$)");

    @Inject
    PageEvents events;

    @Inject
    SecurityConfig security;

    ConnectionsPerAddress perAddress;

    @PostConstruct
    void limits() {
        perAddress = new ConnectionsPerAddress(security.socketsPerAddress());
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        if (!perAddress.tryOpen(connection.id(), ConnectionsPerAddress.host(connection.handshakeRequest().remoteAddress()))) {
            connection.close(new CloseReason(WebSocketCloses.POLICY_VIOLATION, "too many connections from one address"))
                    .subscribe().with(ok -> { }, fail -> { });
            return;
        }
        String query = connection.handshakeRequest().query();
        events.follow(connection.id(), topicsOf(query == null ? "" : query));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        perAddress.closed(connection.id());
        events.unfollow(connection.id());
    }

    static Set<String> topicsOf(String query) {
        Set<String> topics = new LinkedHashSet<>();
        Matcher broadcast = BROADCAST.matcher(query);
        if (broadcast.find()) {
            topics.add(PageEvents.broadcastTopic(broadcast.group(1)));
        }
        Matcher topic = TOPIC.matcher(query);
        while (topic.find() && topics.size() < MAX_TOPICS) {
            topics.add(topic.group(1));
        }
        if (topics.isEmpty()) {
            topics.add(PageEvents.HOME);
        }
        return topics;
    }
}
