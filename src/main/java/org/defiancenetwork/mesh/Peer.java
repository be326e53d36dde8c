package org.defiancenetwork.mesh;

import java.util.HashSet;
import java.util.Set;

import org.defiancenetwork.platform.RateLimit;

/** A browser in a swarm, as the node tracks it. Guarded by its swarm's lock. */
final class Peer {

    enum Role { VIEWER, BROADCASTER }

    enum Mode { HLS, DIRECT }

    final String id;
    final String connectionId;
    final Role role;
    final Set<String> neighbours = new HashSet<>();
    final Set<String> reportedBy = new HashSet<>();
    final RateLimit rate;
    Mode mode = Mode.HLS;
    long liveEdge = -1;
    long lastSeenNanos;
    long bytesFromPeers;
    long bytesFromServer;

    Peer(String id, String connectionId, Role role, RateLimit rate, long now) {
        this.id = id;
        this.connectionId = connectionId;
        this.role = role;
        this.rate = rate;
        this.lastSeenNanos = now;
    }

    boolean trusted() {
        return reportedBy.isEmpty();
    }
}
