package org.defiancenetwork.cast;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A TV or speaker the node can cast to. {@code added} devices were given by address (kept across
 * restarts); the others were discovered and are forgotten when they stop answering. For DLNA the
 * AVTransport and RenderingControl control URLs come from the device description.
 */
@RegisterForReflection
public record CastDevice(String id, String name, Protocol protocol, String model, String host, int port,
        boolean added, boolean playsLive, Instant lastSeen,
        @JsonIgnore URI avTransport, @JsonIgnore URI renderingControl) {

    public CastDevice seenAt(Instant when) {
        return new CastDevice(id, name, protocol, model, host, port, added, playsLive, when, avTransport, renderingControl);
    }

    public CastDevice asAdded() {
        return new CastDevice(id, name, protocol, model, host, port, true, playsLive, lastSeen, avTransport, renderingControl);
    }

    /** host:port, with brackets for IPv6. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
