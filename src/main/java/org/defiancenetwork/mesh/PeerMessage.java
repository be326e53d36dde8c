package org.defiancenetwork.mesh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a browser may send on /api/mesh/{swarm} (DESIGN §4), one record per message type. Each
 * record states its own limits in its constructor, so a decoded message is a valid one; anything
 * else is refused by {@link SignalingProtocol#decode} before the swarm sees it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PeerMessage.Offer.class, name = "offer"),
        @JsonSubTypes.Type(value = PeerMessage.Answer.class, name = "answer"),
        @JsonSubTypes.Type(value = PeerMessage.Candidate.class, name = "candidate"),
        @JsonSubTypes.Type(value = PeerMessage.Have.class, name = "have"),
        @JsonSubTypes.Type(value = PeerMessage.Stats.class, name = "stats"),
        @JsonSubTypes.Type(value = PeerMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = PeerMessage.Report.class, name = "report"),
        @JsonSubTypes.Type(value = PeerMessage.Bye.class, name = "bye"),
        @JsonSubTypes.Type(value = PeerMessage.Mode.class, name = "mode") })
@RegisterForReflection(ignoreNested = false)
sealed interface PeerMessage {

    /** Peer ids are the node's own 22-character tokens; a little room for other nodes' formats. */
    Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** "rendition/file" as under /media/{broadcast}/, e.g. "source/seg00042.ts"; no "..", no deeper paths. */
    Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,32}/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");
    int MAX_SEGMENTS_PER_HAVE = 64;
    int MAX_PEERS_PER_STATS = 32;

    /** Messages a peer addresses to one other peer of its swarm. */
    sealed interface ToPeer extends PeerMessage {
        String to();
    }

    record Offer(String to, String sdp) implements ToPeer {
        public Offer {
            checkPeerId("to", to);
            require(sdp != null && !sdp.isBlank(), "An offer carries an sdp.");
        }
    }

    record Answer(String to, String sdp) implements ToPeer {
        public Answer {
            checkPeerId("to", to);
            require(sdp != null && !sdp.isBlank(), "An answer carries an sdp.");
        }
    }

    /** An RTCIceCandidateInit as browsers serialize it. */
    @RegisterForReflection
    record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
        public IceCandidate {
            require(candidate != null && candidate.length() <= 1024, "candidate.candidate is a string of at most 1024 characters.");
            require(sdpMid == null || sdpMid.length() <= 64, "candidate.sdpMid is at most 64 characters.");
            require(sdpMLineIndex == null || (sdpMLineIndex >= 0 && sdpMLineIndex < 256), "candidate.sdpMLineIndex is 0 to 255.");
            require(usernameFragment == null || usernameFragment.length() <= 256, "candidate.usernameFragment is at most 256 characters.");
        }
    }

    record Candidate(String to, IceCandidate candidate) implements ToPeer {
        public Candidate {
            checkPeerId("to", to);
            require(candidate != null, "A candidate message carries a candidate.");
        }
    }

    /** Segments this peer now holds. */
    record Have(List<String> segments) implements PeerMessage {
        public Have {
            require(segments != null && segments.size() <= MAX_SEGMENTS_PER_HAVE,
                    "segments is a list of at most " + MAX_SEGMENTS_PER_HAVE + " names.");
            segments.forEach(PeerMessage::checkSegment);
            segments = List.copyOf(segments);
        }
    }

    /**
     * Running totals of the bytes this peer played: from neighbours (each checked against the
     * node's hashes) and from nodes, and per neighbour the checked bytes it received from that one.
     */
    record Stats(long bytesFromPeers, long bytesFromServer, Map<String, Long> fromPeers) implements PeerMessage {
        public Stats {
            require(bytesFromPeers >= 0 && bytesFromServer >= 0, "Byte counts are not negative.");
            fromPeers = fromPeers == null ? Map.of() : fromPeers;
            require(fromPeers.size() <= MAX_PEERS_PER_STATS, "fromPeers names at most " + MAX_PEERS_PER_STATS + " peers.");
            fromPeers.forEach((peer, bytes) -> {
                checkPeerId("fromPeers", peer);
                require(bytes != null && bytes >= 0, "Byte counts are not negative.");
            });
            fromPeers = Map.copyOf(fromPeers);
        }
    }

    record Heartbeat() implements PeerMessage {
    }

    /** A neighbour sent a segment that did not match the node's hash. */
    record Report(String peerId, String segment) implements PeerMessage {
        public Report {
            checkPeerId("peerId", peerId);
            checkSegment(segment);
        }
    }

    /** This peer gave up its link to a neighbour (the data channel failed). */
    record Bye(String peerId) implements PeerMessage {
        public Bye {
            checkPeerId("peerId", peerId);
        }
    }

    /** The viewer asks for direct or HLS delivery. */
    record Mode(String want) implements PeerMessage {
        public Mode {
            require("direct".equals(want) || "hls".equals(want), "want is \"direct\" or \"hls\".");
        }
    }

    private static void checkPeerId(String field, String value) {
        require(value != null && PEER_ID.matcher(value).matches(), field + " is a peer id.");
    }

    private static void checkSegment(String value) {
        require(value != null && SEGMENT.matcher(value).matches(), "A segment is named rendition/file, e.g. source/seg00042.ts.");
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            throw new IllegalArgumentException(why);
        }
    }
}
