package org.defiancenetwork.mesh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Carries signaling between sockets and the node that runs their swarm. A socket's address is
 * "node/connection": sockets of this node are written to directly, in the order messages were
 * queued (websockets-next does not order sends from different threads); sockets of other nodes are
 * reached over the mesh-signals channel, and so are swarms other nodes run.
 */
@ApplicationScoped
class ClusterRelay implements SwarmOutbox {

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final NodeIdentity node;
    private final OpenConnections connections;
    private final Emitter<String> signals;
    private final EventJson events;
    private final SignalingProtocol protocol;
    private final SwarmSignaling signaling;
    /** Local sockets whose swarm another node runs: connection id → owner node and swarm. */
    private final Map<String, String[]> forwarded = new ConcurrentHashMap<>();
    /** Per local socket, the last queued send: the next one starts when it is done. */
    private final Map<String, CompletableFuture<Void>> sending = new ConcurrentHashMap<>();

    ClusterRelay(NodeIdentity node, OpenConnections connections, @Channel(EventChannels.MESH_SIGNALS_OUT) Emitter<String> signals,
            EventJson events, SignalingProtocol protocol, SwarmSignaling signaling) {
        this.node = node;
        this.connections = connections;
        this.signals = signals;
        this.events = events;
        this.protocol = protocol;
        this.signaling = signaling;
    }

    String address(WebSocketConnection connection) {
        return node.id() + "/" + connection.id();
    }

    /** A socket opened on this node for a swarm run by {@code owner}. */
    void open(String swarmId, String owner, WebSocketConnection connection, Peer.Role role, String clientAddress,
            String account, boolean sharing) {
        String address = address(connection);
        if (owner.equals(node.id())) {
            signaling.join(swarmId, new Peer.Origin(address, clientAddress, account), role, sharing);
        } else {
            forwarded.put(connection.id(), new String[] { owner, swarmId });
            signal(new MeshSignal(MeshSignal.Kind.JOIN, owner, node.id(), swarmId, address, role.name(), null, clientAddress,
                    account, sharing));
        }
    }

    void message(WebSocketConnection connection, String text) {
        String[] owner = forwarded.get(connection.id());
        String address = address(connection);
        if (owner == null) {
            signaling.receive(address, text);
        } else if (text.length() > protocol.maxMessageBytes()) {
            // refused here, so an oversized message never crosses the bus
            sendText(address, protocol.encode(protocol.tooLarge()));
        } else {
            signal(new MeshSignal(MeshSignal.Kind.MESSAGE, owner[0], node.id(), owner[1], address, null, text, null, null, null));
        }
    }

    void closed(WebSocketConnection connection) {
        String[] owner = forwarded.remove(connection.id());
        String address = address(connection);
        sending.remove(connection.id());
        if (owner == null) {
            signaling.leave(address);
        } else {
            signal(new MeshSignal(MeshSignal.Kind.LEAVE, owner[0], node.id(), owner[1], address, null, null, null, null, null));
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
        if (!node.id().equals(s.to()) || s.address() == null || s.address().indexOf('/') < 1) {
            return;
        }
        switch (s.kind()) {
            case JOIN -> signaling.join(s.swarm(), new Peer.Origin(s.address(), s.clientAddress(), s.account()),
                    Peer.Role.valueOf(s.role()), !Boolean.FALSE.equals(s.sharing()));
            case MESSAGE -> signaling.receive(s.address(), s.text());
            case LEAVE -> signaling.leave(s.address());
            case DELIVER -> sendText(s.address(), s.text());
            case CLOSE -> closeLocal(localId(s.address()), CloseReason.NORMAL.getCode());
        }
    }

    @Override
    public void send(Swarm swarm, List<Swarm.Outgoing> messages) {
        for (Swarm.Outgoing out : messages) {
            Peer target = swarm.peer(out.peerId());
            if (target != null) {
                sendText(target.socket(), protocol.encode(out.message()));
            }
        }
    }

    void send(String address, NodeMessage message) {
        sendText(address, protocol.encode(message));
    }

    /** Sends to a socket by address: directly when it is ours, through its node otherwise. */
    void sendText(String address, String text) {
        String owner = address.substring(0, address.indexOf('/'));
        if (!owner.equals(node.id())) {
            signal(new MeshSignal(MeshSignal.Kind.DELIVER, owner, node.id(), null, address, null, text, null, null, null));
            return;
        }
        String id = localId(address);
        sending.compute(id, (key, previous) -> {
            WebSocketConnection connection = connections.findByConnectionId(key).orElse(null);
            if (connection == null) {
                return null; // gone: forget its queue
            }
            return (previous == null ? DONE : previous)
                    .thenCompose(done -> toFuture(connection.sendText(text).subscribeAsCompletionStage()));
        });
    }

    void close(String address) {
        close(address, CloseReason.NORMAL.getCode());
    }

    void close(String address, int code) {
        String owner = address.substring(0, address.indexOf('/'));
        if (owner.equals(node.id())) {
            closeLocal(localId(address), code);
        } else {
            signal(new MeshSignal(MeshSignal.Kind.CLOSE, owner, node.id(), null, address, null, null, null, null, null));
        }
    }

    /** Closes once what was queued for it went out, so an error message before the close arrives. */
    private void closeLocal(String id, int code) {
        CompletableFuture<Void> queued = sending.getOrDefault(id, DONE);
        queued.thenRun(() -> connections.findByConnectionId(id)
                .ifPresent(c -> c.close(new CloseReason(code)).subscribe().with(ok -> { }, fail -> { })));
    }

    private static CompletableFuture<Void> toFuture(CompletionStage<Void> sent) {
        return sent.toCompletableFuture().exceptionally(fail -> {
            LOG.debugf("send failed: %s", fail.getMessage());
            return null;
        });
    }

    private static String localId(String address) {
        return address.substring(address.indexOf('/') + 1);
    }

    private void signal(MeshSignal signal) {
        try {
            signals.send(events.write(signal));
        } catch (RuntimeException e) {
            LOG.warnf("mesh signal to %s not sent: %s", signal.to(), e.getMessage());
        }
    }
}
