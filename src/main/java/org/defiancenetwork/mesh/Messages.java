package org.defiancenetwork.mesh;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the node sends on /api/mesh/{swarm}; every message carries its "type". */
@RegisterForReflection
final class Messages {

    private Messages() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(String peerId, List<IceServers.Server> iceServers, List<String> neighbours, String mode,
            String directSource) {
        @JsonProperty("type")
        String type() {
            return "welcome";
        }
    }

    /** A new neighbour; {@code initiate} says this side sends the offer. */
    record PeerJoined(String peerId, boolean initiate) {
        @JsonProperty("type")
        String type() {
            return "peer-joined";
        }
    }

    record PeerLeft(String peerId) {
        @JsonProperty("type")
        String type() {
            return "peer-left";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModeChange(String mode, String directSource) {
        @JsonProperty("type")
        String type() {
            return "mode";
        }
    }

    record Error(String code, String message) {
        @JsonProperty("type")
        String type() {
            return "error";
        }
    }
}
