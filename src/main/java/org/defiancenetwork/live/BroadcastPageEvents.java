package org.defiancenetwork.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.live.api.BroadcastEvent;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.defiancenetwork.platform.pages.PageEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Tells open pages about broadcasts on any node of the cluster: starts and ends reach the home page
 * and the broadcast's own pages, viewer counts only the latter.
 */
@ApplicationScoped
class BroadcastPageEvents {

    private static final Logger LOG = Logger.getLogger(BroadcastPageEvents.class);

    /** What pages receive. */
    @RegisterForReflection
    record PageEvent(String type, String kind, String id, String channelSlug, String title, Integer viewers) {
    }

    private final PageEvents pages;
    private final EventJson json;

    BroadcastPageEvents(PageEvents pages, EventJson json) {
        this.pages = pages;
        this.json = json;
    }

    void start(@Observes StartupEvent started, ViewerPresence presence) {
        presence.listen((id, viewers) -> pages.publish(PageEvents.broadcastTopic(id),
                new PageEvent("viewers", null, id, null, null, viewers)));
    }

    @Incoming(EventChannels.BROADCAST_EVENTS)
    void broadcastEvent(String event) {
        try {
            BroadcastEvent e = json.read(event, BroadcastEvent.class);
            PageEvent page = new PageEvent("broadcast", e.kind().name(), e.broadcastId(), e.channelSlug(), e.title(), null);
            pages.publish(PageEvents.broadcastTopic(e.broadcastId()), page);
            pages.publish(PageEvents.HOME, page);
        } catch (RuntimeException e) {
            LOG.warnf("ignored broadcast event: %s", e.getMessage());
        }
    }
}
