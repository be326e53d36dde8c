package org.defiancenetwork.live.api;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A broadcast started, ended or failed, on whichever node carries it. Sent on the broadcast-events
 * channel (every node of a cluster hears it) and, on the node that carries the broadcast, fired
 * as an asynchronous CDI event for features of that node ({@code @ObservesAsync BroadcastEvent}).
 */
@RegisterForReflection
public record BroadcastEvent(Kind kind, String broadcastId, String channelSlug, String title, String originNode,
        Instant at) {

    public enum Kind { STARTED, ENDED, FAILED }
}
