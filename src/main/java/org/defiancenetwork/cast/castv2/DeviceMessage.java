package org.defiancenetwork.cast.castv2;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a device says, by its {@code type}: one record per message the node acts on. Types the
 * node does not act on decode as {@link Other} and are ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = DeviceMessage.Other.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = DeviceMessage.Ping.class, name = "PING"),
        @JsonSubTypes.Type(value = DeviceMessage.Pong.class, name = "PONG"),
        @JsonSubTypes.Type(value = DeviceMessage.Close.class, name = "CLOSE"),
        @JsonSubTypes.Type(value = DeviceMessage.ReceiverStatus.class, name = "RECEIVER_STATUS"),
        @JsonSubTypes.Type(value = DeviceMessage.MediaStatus.class, name = "MEDIA_STATUS"),
        @JsonSubTypes.Type(value = DeviceMessage.LaunchError.class, name = "LAUNCH_ERROR"),
        @JsonSubTypes.Type(value = DeviceMessage.LoadFailed.class, name = "LOAD_FAILED"),
        @JsonSubTypes.Type(value = DeviceMessage.LoadCancelled.class, name = "LOAD_CANCELLED"),
        @JsonSubTypes.Type(value = DeviceMessage.InvalidRequest.class, name = "INVALID_REQUEST"),
        @JsonSubTypes.Type(value = DeviceMessage.InvalidPlayerState.class, name = "INVALID_PLAYER_STATE"),
})
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection(ignoreNested = false)
public sealed interface DeviceMessage {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ping() implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pong() implements DeviceMessage {
    }

    /** The device (or the app) closed our virtual connection. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Close() implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReceiverStatus(Integer requestId, Status status) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(List<Application> applications, Volume volume) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Application(String appId, String displayName, String sessionId, String transportId, String statusText) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Volume(Double level, Boolean muted) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MediaStatus(Integer requestId, List<MediaSession> status) implements DeviceMessage {
    }

    /** playerState IDLE, BUFFERING, PLAYING or PAUSED; idleReason FINISHED, CANCELLED, INTERRUPTED or ERROR. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MediaSession(Long mediaSessionId, String playerState, Double currentTime, Double playbackRate,
            String idleReason, MediaInfo media, Volume volume) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MediaInfo(String contentId, String streamType, Double duration) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LaunchError(Integer requestId, String reason) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoadFailed(Integer requestId, String reason) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoadCancelled(Integer requestId) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InvalidRequest(Integer requestId, String reason) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InvalidPlayerState(Integer requestId) implements DeviceMessage {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Other() implements DeviceMessage {
    }
}
