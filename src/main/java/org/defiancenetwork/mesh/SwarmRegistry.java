package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Ids;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The swarms this node runs and which socket is which peer. A swarm exists while it has peers:
 * joining creates it and leaving removes it in one atomic step of the swarm map, so a viewer who
 * reloads never lands in a swarm that is being removed. Its gauge lives and goes with it.
 */
@ApplicationScoped
class SwarmRegistry {

    /** Where a socket belongs. */
    record Membership(String swarmId, String peerId) {
    }

    /** A peer and the swarm it is in. */
    record Member(Swarm swarm, Peer peer) {
    }

    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    private final Map<String, Membership> bySocket = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private final MeshConfig config;
    private final MeterRegistry metrics;
    private final Ids ids;

    SwarmRegistry(MeshConfig config, MeterRegistry metrics, Ids ids) {
        this.config = config;
        this.metrics = metrics;
        this.ids = ids;
        Gauge.builder("defiance.mesh.swarms", swarms, Map::size).strongReference(true)
                .description("Swarms with at least one peer").register(metrics);
    }

    /**
     * Adds a peer to a swarm, creating the swarm if needed, and lets {@code action} work on it (and
     * send what it decides) under the swarm's lock, in the same step.
     */
    void join(String swarmId, Peer peer, Function<Swarm, List<Swarm.Outgoing>> action, SwarmOutbox outbox) {
        swarms.compute(swarmId, (id, swarm) -> {
            Swarm s = swarm != null ? swarm : newSwarm(id);
            synchronized (s) {
                bySocket.put(peer.socket(), new Membership(id, peer.id));
                outbox.send(s, action.apply(s));
            }
            return s;
        });
    }

    /** Removes a socket's peer; the swarm goes, with its gauge, when it was the last. */
    void leave(String socket, SwarmOutbox outbox) {
        Membership m = bySocket.remove(socket);
        if (m == null) {
            return;
        }
        swarms.computeIfPresent(m.swarmId(), (id, s) -> {
            synchronized (s) {
                outbox.send(s, s.leave(m.peerId()));
                if (!s.isEmpty()) {
                    return s;
                }
            }
            Gauge gauge = gauges.remove(id);
            if (gauge != null) {
                metrics.remove(gauge);
            }
            return null;
        });
    }

    Optional<Member> member(String socket) {
        Membership m = bySocket.get(socket);
        Swarm swarm = m == null ? null : swarms.get(m.swarmId());
        Peer peer = swarm == null ? null : swarm.peer(m.peerId());
        return peer == null ? Optional.empty() : Optional.of(new Member(swarm, peer));
    }

    Optional<Swarm> swarm(String swarmId) {
        return Optional.ofNullable(swarms.get(swarmId));
    }

    List<Swarm> all() {
        return new ArrayList<>(swarms.values());
    }

    String newPeerId() {
        return ids.session();
    }

    private Swarm newSwarm(String id) {
        Swarm swarm = new Swarm(id, new NeighbourChoice(config.maxDegree(), ids.random()), config.directViewers());
        gauges.put(id, Gauge.builder("defiance.mesh.swarm.peers", swarm, Swarm::viewers).strongReference(true).tag("swarm", id)
                .description("Viewers connected to a swarm").register(metrics));
        return swarm;
    }
}
