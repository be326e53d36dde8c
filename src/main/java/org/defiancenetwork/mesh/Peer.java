package org.defiancenetwork.mesh;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.defiancenetwork.platform.RateLimit;

/** A browser in a swarm, as the node tracks it. Guarded by its swarm's lock. */
final class Peer {

    enum Role { VIEWER, BROADCASTER }

    enum Mode { HLS, DIRECT }

    /** Who is behind a socket: its address on its node, the client's network address, the account if signed in. */
    record Origin(String socket, String clientAddress, String account) {

        /** One vote per account, or per network address for viewers who are not signed in. */
        String identity() {
            return account != null ? "account:" + account : "address:" + clientAddress;
        }
    }

    private static final int REMEMBERED_SEGMENTS = 64;
    private static final int REMEMBERED_PEERS = 64;

    final String id;
    final Origin origin;
    final Role role;
    /** False for a page that only watches (no WebRTC, or sharing turned off): it gets no neighbours. */
    final boolean sharing;
    final Set<String> neighbours = new HashSet<>();
    /** Peers this one reported or gave up on: never linked to it again. */
    final Set<String> avoided = new HashSet<>();
    final RateLimit rate;
    final long joinedNanos;
    Mode mode = Mode.HLS;
    boolean distrusted;
    long liveEdge = -1;
    long lastSeenNanos;
    long bytesFromPeers;
    long bytesFromServer;
    long lastStatsNanos;
    /** Segments this peer announced, newest last: a report about a segment it never had is not evidence. */
    final Set<String> announced = boundedSet(REMEMBERED_SEGMENTS);
    /** Every peer ever linked to this one (bounded): only they can have received data from it. */
    final Set<String> linkedEver = boundedSet(REMEMBERED_PEERS);
    /** Per sender: the running total of checked bytes this peer said it received from it. */
    final Map<String, Long> receivedFrom = new HashMap<>();

    Peer(String id, Origin origin, Role role, boolean sharing, RateLimit rate, long now) {
        this.id = id;
        this.origin = origin;
        this.role = role;
        this.sharing = sharing;
        this.rate = rate;
        this.joinedNanos = now;
        this.lastSeenNanos = now;
        this.lastStatsNanos = now;
    }

    String socket() {
        return origin.socket();
    }

    boolean trusted() {
        return !distrusted;
    }

    /** A viewer that exchanges segments with neighbours. */
    boolean shares() {
        return role == Role.VIEWER && mode == Mode.HLS && sharing && !distrusted;
    }

    private static <T> Set<T> boundedSet(int max) {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<T, Boolean>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > max;
            }
        });
    }
}
