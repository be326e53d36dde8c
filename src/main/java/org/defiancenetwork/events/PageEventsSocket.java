package org.defiancenetwork.events;

import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Live updates for pages, so nothing needs a reload: /api/events delivers every broadcast event
 * (the home page's live list); /api/events?broadcast={id} that broadcast's events and its viewer
 * count (watch and broadcast pages).
 */
@WebSocket(path = "/api/events")
public class PageEventsSocket {

    private static final Pattern BROADCAST = Pattern.compile("(?:^|&)broadcast=([a-z2-7]{16})(?:&|$)");

    @Inject
    PageEvents events;

    @OnOpen
    void open(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        var m = BROADCAST.matcher(query == null ? "" : query);
        events.follow(connection.id(), m.find() ? m.group(1) : PageEvents.ALL);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        events.unfollow(connection.id());
    }
}
