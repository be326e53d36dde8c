package org.defiancenetwork.live.api;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A broadcast started, ended or failed, on whichever node carries it. */
@RegisterForReflection
public record BroadcastEvent(Kind kind, String broadcastId, String channelSlug, String title, String originNode,
        Instant at) {

    public enum Kind { STARTED, ENDED, FAILED }
}
