package org.defiancenetwork.platform.events;

/**
 * Names of the messaging channels that carry news between features and between nodes. Each is
 * written on "{name}-out" and read on "{name}": in one node a bridge joins the two in memory; in
 * a cluster both ends are bound to a RabbitMQ fanout exchange, so every node reads every event.
 */
public final class EventChannels {

    public static final String BROADCAST_EVENTS = "broadcast-events";
    public static final String CHAT_MESSAGES = "chat-messages";
    public static final String VIEWER_STATS = "viewer-stats";
    public static final String MESH_SIGNALS = "mesh-signals";

    public static final String BROADCAST_EVENTS_OUT = BROADCAST_EVENTS + "-out";
    public static final String CHAT_MESSAGES_OUT = CHAT_MESSAGES + "-out";
    public static final String VIEWER_STATS_OUT = VIEWER_STATS + "-out";
    public static final String MESH_SIGNALS_OUT = MESH_SIGNALS + "-out";

    private EventChannels() {
    }
}
