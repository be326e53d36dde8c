package org.defiancenetwork.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * On a single node, events written to "{name}-out" are read from "{name}" in the same JVM. A
 * cluster build leaves this out and binds both ends to RabbitMQ instead (application.properties).
 */
@ApplicationScoped
@UnlessBuildProfile("cluster")
public class InMemoryBridges {

    @Incoming(EventChannels.BROADCAST_EVENTS_OUT)
    @Outgoing(EventChannels.BROADCAST_EVENTS)
    String broadcastEvents(String event) {
        return event;
    }

    @Incoming(EventChannels.CHAT_MESSAGES_OUT)
    @Outgoing(EventChannels.CHAT_MESSAGES)
    String chatMessages(String event) {
        return event;
    }

    @Incoming(EventChannels.VIEWER_STATS_OUT)
    @Outgoing(EventChannels.VIEWER_STATS)
    String viewerStats(String event) {
        return event;
    }

    @Incoming(EventChannels.MESH_SIGNALS_OUT)
    @Outgoing(EventChannels.MESH_SIGNALS)
    String meshSignals(String event) {
        return event;
    }
}
