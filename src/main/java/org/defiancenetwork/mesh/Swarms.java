package org.defiancenetwork.mesh;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.RateLimit;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Every swarm on this node and the signaling between their peers: membership, neighbour choice,
 * relaying offers, answers and candidates to the one peer they are for, and P2P accounting.
 */
@ApplicationScoped
public class Swarms {

    private static final Logger LOG = Logger.getLogger(Swarms.class);

    /** Per-swarm figures for pages and the admin view. */
    public record SwarmView(String id, int viewers, boolean broadcasterConnected, long bytesFromPeers, long bytesFromServer) {
        public int peerShare() {
            long total = bytesFromPeers + bytesFromServer;
            return total == 0 ? 0 : (int) Math.round(100.0 * bytesFromPeers / total);
        }
    }

    /** Where a connection belongs. */
    private record Membership(String swarmId, String peerId) {
    }

    private final MeshConfig config;
    private final IceServers iceServers;
    private final OpenConnections connections;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final NodeIdentity node;
    private final Emitter<String> signals;
    private final EventJson events;
    private final Ids ids;
    /** Local connections whose swarm another node runs: connection id → owner node and swarm. */
    private final Map<String, String[]> forwarded = new ConcurrentHashMap<>();
    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    private final Map<String, Membership> byConnection = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> totals = new ConcurrentHashMap<>();
    private final Counter bytesFromPeers;
    private final Counter bytesFromServer;

    Swarms(MeshConfig config, IceServers iceServers, OpenConnections connections, ObjectMapper json, MeterRegistry registry,
            NodeIdentity node, @Channel(EventChannels.MESH_SIGNALS_OUT) Emitter<String> signals, EventJson events,
            Ids ids) {
        this.ids = ids;
        this.config = config;
        this.iceServers = iceServers;
        this.connections = connections;
        this.json = json;
        this.registry = registry;
        this.node = node;
        this.signals = signals;
        this.events = events;
        // No base unit: the unit is in the name, and Prometheus would append it again.
        this.bytesFromPeers = Counter.builder("defiance.mesh.bytes.from.peers")
                .description("Bytes of media viewers received from other viewers").register(registry);
        this.bytesFromServer = Counter.builder("defiance.mesh.bytes.from.server")
                .description("Bytes of media viewers report having fetched from nodes").register(registry);
        Gauge.builder("defiance.mesh.swarms", swarms, Map::size).description("Swarms with at least one peer").register(registry);
    }

    // --- sockets on this node: served here, or forwarded to the node that runs the swarm ---

    /** A viewer's socket opened on this node for a swarm run by {@code owner}. */
    void open(String swarmId, String owner, WebSocketConnection connection, Peer.Role role) {
        String address = node.id() + "/" + connection.id();
        if (owner.equals(node.id())) {
            join(swarmId, address, role);
        } else {
            forwarded.put(connection.id(), new String[] { owner, swarmId });
            signal(new MeshSignal(MeshSignal.Kind.JOIN, owner, node.id(), swarmId, address, role.name(), null));
        }
    }

    void message(WebSocketConnection connection, String text) {
        String[] owner = forwarded.get(connection.id());
        String address = node.id() + "/" + connection.id();
        if (owner == null) {
            receive(address, text);
        } else if (text.length() > config.maxMessageBytes()) {
            // refused here, so an oversized message never crosses the bus
            sendText(address, encode(new Messages.Error("too-large", "Messages are limited to " + config.maxMessageBytes() + " bytes.")));
        } else {
            signal(new MeshSignal(MeshSignal.Kind.MESSAGE, owner[0], node.id(), owner[1], address, null, text));
        }
    }

    void closed(WebSocketConnection connection) {
        String[] owner = forwarded.remove(connection.id());
        String address = node.id() + "/" + connection.id();
        if (owner == null) {
            leave(address);
        } else {
            signal(new MeshSignal(MeshSignal.Kind.LEAVE, owner[0], node.id(), owner[1], address, null, null));
        }
    }

    /** Signals from other nodes: viewers of our swarms, or answers for our sockets. */
    @Incoming(EventChannels.MESH_SIGNALS)
    void fromOtherNodes(String event) {
        MeshSignal s;
        try {
            s = events.read(event, MeshSignal.class);
        } catch (RuntimeException e) {
            LOG.warnf("ignored mesh signal: %s", e.getMessage());
            return;
        }
        if (!node.id().equals(s.to())) {
            return;
        }
        switch (s.kind()) {
            case JOIN -> join(s.swarm(), s.address(), Peer.Role.valueOf(s.role()));
            case MESSAGE -> receive(s.address(), s.text());
            case LEAVE -> leave(s.address());
            case DELIVER -> sendText(s.address(), s.text());
            case CLOSE -> closeConnection(s.address());
        }
    }

    // --- the swarms this node runs; peers are known by address, local or not ---

    /** Adds a peer to a swarm and sends it its welcome. */
    void join(String swarmId, String address, Peer.Role role) {
        String peerId = newPeerId();
        Swarm swarm = swarms.computeIfAbsent(swarmId, this::newSwarm);
        Peer peer = new Peer(peerId, address, role,
                new RateLimit(config.messagesPerSecond(), config.messageBurst(), System.nanoTime()), System.nanoTime());
        byConnection.put(address, new Membership(swarmId, peerId));
        send(swarm, swarm.join(peer, iceServers.forPeer(peerId)));
    }

    void leave(String address) {
        Membership m = byConnection.remove(address);
        if (m == null) {
            return;
        }
        Swarm swarm = swarms.get(m.swarmId());
        if (swarm == null) {
            return;
        }
        send(swarm, swarm.leave(m.peerId()));
        if (swarm.isEmpty()) {
            swarms.remove(m.swarmId(), swarm);
        }
    }

    /** Handles one message from a peer; problems are answered with an error message to it alone. */
    void receive(String connection, String text) {
        Membership m = byConnection.get(connection);
        Swarm swarm = m == null ? null : swarms.get(m.swarmId());
        Peer peer = swarm == null ? null : swarm.peer(m.peerId());
        if (peer == null) {
            return;
        }
        long now = System.nanoTime();
        peer.lastSeenNanos = now;
        if (text.length() > config.maxMessageBytes()) {
            error(connection, "too-large", "Messages are limited to " + config.maxMessageBytes() + " bytes.");
            return;
        }
        if (!peer.rate.tryAcquire(now)) {
            error(connection, "rate-limited", "Too many messages; slow down.");
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            error(connection, "bad-message", "Messages are JSON objects with a type.");
            return;
        }
        String type = message.path("type").asText("");
        switch (type) {
            case "offer", "answer", "candidate" -> relay(swarm, peer, (ObjectNode) message, connection);
            case "have" -> have(peer, message);
            case "stats" -> stats(swarm, peer, message);
            case "heartbeat" -> {
            }
            case "report" -> report(swarm, peer, message.path("peerId").asText(""));
            case "bye" -> send(swarm, swarm.unlink(peer.id, message.path("peerId").asText("")));
            case "mode" -> send(swarm, swarm.changeMode(peer.id, message.path("want").asText("")));
            default -> error(connection, "unknown-type", "Unknown message type '" + abbreviate(type) + "'.");
        }
    }

    public Optional<SwarmView> view(String swarmId) {
        Swarm swarm = swarms.get(swarmId);
        AtomicLong[] t = totals.get(swarmId);
        if (swarm == null && t == null) {
            return Optional.empty();
        }
        return Optional.of(new SwarmView(swarmId, swarm == null ? 0 : swarm.size(), swarm != null && swarm.broadcaster() != null,
                t == null ? 0 : t[0].get(), t == null ? 0 : t[1].get()));
    }

    public List<SwarmView> all() {
        return swarms.keySet().stream().sorted().map(this::view).flatMap(Optional::stream).toList();
    }

    /** Peers that stopped sending heartbeats are closed; their swarm re-links their neighbours. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireIdlePeers() {
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        for (Swarm swarm : swarms.values()) {
            for (Peer p : swarm.snapshot()) {
                if (now - p.lastSeenNanos > idle) {
                    error(p.connectionId, "idle", "No heartbeat for " + config.idleTimeout().toSeconds() + " s.");
                    close(p.connectionId);
                    byConnection.remove(p.connectionId);
                    send(swarm, swarm.leave(p.id));
                }
            }
        }
    }

    private void relay(Swarm swarm, Peer from, ObjectNode message, String connection) {
        String to = message.path("to").asText("");
        Peer target = swarm.peer(to);
        boolean allowed = target != null && (swarm.areNeighbours(from.id, to) || directPair(from, target));
        if (!allowed) {
            error(connection, "unknown-peer", "No peer " + abbreviate(to) + " you may signal in this swarm.");
            return;
        }
        message.put("from", from.id);
        message.remove("to");
        deliver(target, message.toString());
    }

    private static boolean directPair(Peer a, Peer b) {
        return (a.role == Peer.Role.BROADCASTER && b.mode == Peer.Mode.DIRECT)
                || (b.role == Peer.Role.BROADCASTER && a.mode == Peer.Mode.DIRECT);
    }

    private void have(Peer peer, JsonNode message) {
        for (JsonNode segment : message.path("segments")) {
            long seq = sequenceOf(segment.asText(""));
            if (seq > peer.liveEdge) {
                peer.liveEdge = seq;
            }
        }
    }

    /** Viewers report running totals; the node counts what grew since the last report. */
    private void stats(Swarm swarm, Peer peer, JsonNode message) {
        long fromPeers = message.path("bytesFromPeers").asLong(0);
        long fromServer = message.path("bytesFromServer").asLong(0);
        long peersDelta = Math.max(0, fromPeers - peer.bytesFromPeers);
        long serverDelta = Math.max(0, fromServer - peer.bytesFromServer);
        peer.bytesFromPeers = Math.max(peer.bytesFromPeers, fromPeers);
        peer.bytesFromServer = Math.max(peer.bytesFromServer, fromServer);
        bytesFromPeers.increment(peersDelta);
        bytesFromServer.increment(serverDelta);
        AtomicLong[] t = totals.computeIfAbsent(swarm.id, id -> new AtomicLong[] { new AtomicLong(), new AtomicLong() });
        t[0].addAndGet(peersDelta);
        t[1].addAndGet(serverDelta);
    }

    private void report(Swarm swarm, Peer reporter, String accusedId) {
        Peer accused = swarm.peer(accusedId);
        if (accused == null || accused == reporter) {
            return;
        }
        int reports;
        synchronized (swarm) {
            accused.reportedBy.add(reporter.id);
            reports = accused.reportedBy.size();
        }
        LOG.warnf("swarm %s: peer %s reported for a bad segment by %s (%d reports)", swarm.id, accusedId, reporter.id, reports);
        send(swarm, swarm.distrust(accusedId));
        if (reports >= config.reportsToDrop()) {
            error(accused.connectionId, "dropped", "Other viewers received corrupt segments from you.");
            close(accused.connectionId);
        }
    }

    private Swarm newSwarm(String id) {
        Gauge.builder("defiance.mesh.swarm.peers", () -> {
            Swarm s = swarms.get(id);
            return s == null ? 0 : s.size();
        }).tag("swarm", id).description("Viewers connected to a swarm").register(registry);
        return new Swarm(id, new NeighbourChoice(config.maxDegree(), ids.random()), config.directViewers());
    }

    private void send(Swarm swarm, List<Swarm.Outgoing> messages) {
        for (Swarm.Outgoing out : messages) {
            Peer target = swarm.peer(out.peerId());
            if (target != null) {
                try {
                    deliver(target, json.writeValueAsString(out.message()));
                } catch (Exception e) {
                    LOG.warnf("could not encode %s: %s", out.message(), e.getMessage());
                }
            }
        }
    }

    private void deliver(Peer target, String text) {
        sendText(target.connectionId, text);
    }

    void error(String address, String code, String message) {
        sendText(address, encode(new Messages.Error(code, message)));
    }

    /** Sends to a socket by address: directly when it is ours, through its node otherwise. */
    private void sendText(String address, String text) {
        String owner = address.substring(0, address.indexOf('/'));
        if (owner.equals(node.id())) {
            connections.findByConnectionId(address.substring(owner.length() + 1))
                    .ifPresent(c -> c.sendText(text).subscribe().with(ok -> { }, fail -> LOG.debugf("send failed: %s", fail.getMessage())));
        } else {
            signal(new MeshSignal(MeshSignal.Kind.DELIVER, owner, node.id(), null, address, null, text));
        }
    }

    private void close(String address) {
        String owner = address.substring(0, address.indexOf('/'));
        if (owner.equals(node.id())) {
            closeConnection(address);
        } else {
            signal(new MeshSignal(MeshSignal.Kind.CLOSE, owner, node.id(), null, address, null, null));
        }
    }

    private void closeConnection(String address) {
        connections.findByConnectionId(address.substring(address.indexOf('/') + 1))
                .ifPresent(c -> c.close().subscribe().with(ok -> { }, fail -> { }));
    }

    private void signal(MeshSignal signal) {
        try {
            signals.send(events.write(signal));
        } catch (RuntimeException e) {
            LOG.warnf("mesh signal to %s not sent: %s", signal.to(), e.getMessage());
        }
    }

    private String encode(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode " + message, e);
        }
    }

    /** The sequence number in a segment name such as "source/seg00042.ts"; -1 if there is none. */
    static long sequenceOf(String segment) {
        int end = segment.lastIndexOf('.');
        int start = end;
        while (start > 0 && Character.isDigit(segment.charAt(start - 1))) {
            start--;
        }
        if (end <= 0 || start == end || end - start > 12) {
            return -1;
        }
        return Long.parseLong(segment.substring(start, end));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private String newPeerId() {
        return ids.session();
    }
}
