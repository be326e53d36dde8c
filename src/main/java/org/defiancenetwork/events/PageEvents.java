package org.defiancenetwork.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.live.ViewerPresence;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Relays broadcast events and viewer counts from the messaging channels to the pages following
 * them, so a page on any node of a cluster hears about broadcasts on every node.
 */
@ApplicationScoped
public class PageEvents {

    private static final Logger LOG = Logger.getLogger(PageEvents.class);
    static final String ALL = "*";

    /** What pages receive. */
    record PageEvent(String type, String kind, String id, String channelSlug, String title, Integer viewers) {
    }

    /** Connection id → the broadcast it follows, or ALL. */
    private final Map<String, String> following = new ConcurrentHashMap<>();
    private final OpenConnections connections;
    private final EventJson json;

    PageEvents(OpenConnections connections, EventJson json) {
        this.connections = connections;
        this.json = json;
    }

    void follow(String connectionId, String broadcastId) {
        following.put(connectionId, broadcastId);
    }

    void unfollow(String connectionId) {
        following.remove(connectionId);
    }

    void start(@Observes StartupEvent started, ViewerPresence presence) {
        presence.listen((id, viewers) -> send(id, new PageEvent("viewers", null, id, null, null, viewers)));
    }

    @Incoming(EventChannels.BROADCAST_EVENTS)
    void broadcastEvent(String event) {
        try {
            BroadcastEvent e = json.read(event, BroadcastEvent.class);
            send(e.broadcastId(), new PageEvent("broadcast", e.kind().name(), e.broadcastId(), e.channelSlug(), e.title(), null));
        } catch (RuntimeException e) {
            LOG.warnf("ignored broadcast event: %s", e.getMessage());
        }
    }

    private void send(String broadcastId, PageEvent event) {
        String text = json.write(event);
        boolean everyone = "broadcast".equals(event.type());
        for (WebSocketConnection c : connections.listAll()) {
            String follows = following.get(c.id());
            if (follows != null && (follows.equals(broadcastId) || (everyone && follows.equals(ALL)))) {
                c.sendText(text).subscribe().with(ok -> { }, fail -> { });
            }
        }
    }
}
