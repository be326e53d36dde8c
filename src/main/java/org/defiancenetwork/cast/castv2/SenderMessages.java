package org.defiancenetwork.cast.castv2;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the node sends to a device: one record per message, with the {@code type} Cast expects. */
@RegisterForReflection(ignoreNested = false)
public final class SenderMessages {

    private SenderMessages() {
    }

    /** CONNECT, CLOSE (connection), PING, PONG (heartbeat): a type and nothing else. */
    public record Bare(String type) {
    }

    public record Launch(String type, int requestId, String appId) {
        public Launch(int requestId, String appId) {
            this("LAUNCH", requestId, appId);
        }
    }

    /** GET_STATUS of the receiver platform. */
    public record GetStatus(String type, int requestId) {
        public GetStatus(int requestId) {
            this("GET_STATUS", requestId);
        }
    }

    /** Stops the running app (receiver namespace): the TV goes back to its idle screen. */
    public record StopApp(String type, int requestId, String sessionId) {
        public StopApp(int requestId, String sessionId) {
            this("STOP", requestId, sessionId);
        }
    }

    public record SetVolume(String type, int requestId, Volume volume) {
        public SetVolume(int requestId, Volume volume) {
            this("SET_VOLUME", requestId, volume);
        }
    }

    /** Level 0..1 or muted; Cast wants only the one being changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Volume(Double level, Boolean muted) {
    }

    public record Load(String type, int requestId, Media media, boolean autoplay, double currentTime) {
        public Load(int requestId, Media media) {
            this("LOAD", requestId, media, true, 0);
        }
    }

    /** streamType BUFFERED (a file with an end) or LIVE. */
    public record Media(String contentId, String contentType, String streamType, Metadata metadata) {
    }

    /** metadataType 0: GenericMediaMetadata (title, subtitle, images). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(int metadataType, String title, String subtitle, List<Image> images) {
    }

    public record Image(String url) {
    }

    /** PLAY, PAUSE, STOP, GET_STATUS of the media namespace, for one media session. */
    public record MediaCommand(String type, int requestId, long mediaSessionId) {
    }

    public record Seek(String type, int requestId, long mediaSessionId, double currentTime) {
        public Seek(int requestId, long mediaSessionId, double currentTime) {
            this("SEEK", requestId, mediaSessionId, currentTime);
        }
    }
}
