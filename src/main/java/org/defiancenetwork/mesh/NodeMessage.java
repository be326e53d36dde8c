package org.defiancenetwork.mesh;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the node sends on /api/mesh/{swarm} (DESIGN §4), one record per message type. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NodeMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = NodeMessage.PeerJoined.class, name = "peer-joined"),
        @JsonSubTypes.Type(value = NodeMessage.PeerLeft.class, name = "peer-left"),
        @JsonSubTypes.Type(value = NodeMessage.ModeChange.class, name = "mode"),
        @JsonSubTypes.Type(value = NodeMessage.Offer.class, name = "offer"),
        @JsonSubTypes.Type(value = NodeMessage.Answer.class, name = "answer"),
        @JsonSubTypes.Type(value = NodeMessage.Candidate.class, name = "candidate"),
        @JsonSubTypes.Type(value = NodeMessage.Credit.class, name = "credit"),
        @JsonSubTypes.Type(value = NodeMessage.Error.class, name = "error") })
@RegisterForReflection(ignoreNested = false)
sealed interface NodeMessage {

    /** The first message on a socket: who this peer is, whom to connect, how it gets the media. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(String peerId, List<IceServers.Server> iceServers, List<String> neighbours, String mode,
            String directSource) implements NodeMessage {
    }

    /** A new neighbour; {@code initiate} says this side sends the offer. */
    record PeerJoined(String peerId, boolean initiate) implements NodeMessage {
    }

    record PeerLeft(String peerId) implements NodeMessage {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModeChange(String mode, String directSource) implements NodeMessage {
    }

    /** Signaling relayed from one peer to another, naming the sender. */
    record Offer(String from, String sdp) implements NodeMessage {
    }

    record Answer(String from, String sdp) implements NodeMessage {
    }

    record Candidate(String from, PeerMessage.IceCandidate candidate) implements NodeMessage {
    }

    /**
     * A signed-in viewer's relay credit in this swarm so far: bytes its neighbours confirmed
     * receiving from it, and how many distinct viewers they were.
     */
    record Credit(long bytes, int receivers) implements NodeMessage {
    }

    record Error(String code, String message) implements NodeMessage {
    }
}
