package org.defiancenetwork.cast;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A cast session as the API and the remote show it: the device's own report of state, position
 * (seconds), duration, volume (0..1) and mute; {@code error} says in words why it failed or ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record SessionView(String id, String device, String deviceName, Protocol protocol, String mediaKind,
        String mediaId, String title, String url, boolean live, SessionState state, Double position,
        Double duration, Double volume, Boolean muted, String error, Instant startedAt) {
}
