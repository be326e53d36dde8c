package org.defiancenetwork.platform.pages;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.events.EventJson;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Live updates for open pages over one socket per page ({@code /api/events}). A page follows
 * topics (a broadcast, the home page's lists, a cast session); a feature publishes an event to a
 * topic and every page following it receives the event as JSON, encoded once.
 */
@ApplicationScoped
public class PageEvents {

    /** What the home page and other listing pages follow. */
    public static final String HOME = "home";

    public static String broadcastTopic(String broadcastId) {
        return "broadcast:" + broadcastId;
    }

    /** Connection id → the topics it follows. */
    private final Map<String, Set<String>> following = new ConcurrentHashMap<>();
    private final OpenConnections connections;
    private final EventJson json;

    PageEvents(OpenConnections connections, EventJson json) {
        this.connections = connections;
        this.json = json;
    }

    /** Sends {@code event} (a record with a {@code type}) to every page following {@code topic}. */
    public void publish(String topic, Object event) {
        String text = null;
        for (WebSocketConnection c : connections.listAll()) {
            Set<String> topics = following.get(c.id());
            if (topics != null && topics.contains(topic)) {
                if (text == null) {
                    text = json.write(event);
                }
                c.sendText(text).subscribe().with(ok -> { }, failed -> { });
            }
        }
    }

    void follow(String connectionId, Set<String> topics) {
        following.put(connectionId, Set.copyOf(topics));
    }

    void unfollow(String connectionId) {
        following.remove(connectionId);
    }

    int followers() {
        return following.size();
    }
}
