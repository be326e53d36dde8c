package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.RateLimit;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * What the node does with each signaling message of the swarms it runs: relays offers, answers
 * and candidates to the one peer they are for, keeps neighbours linked, weighs reports, and hands
 * byte counts to the accounting. Sockets are known by address, local or on another node.
 */
@ApplicationScoped
class SwarmSignaling {

    private static final Logger LOG = Logger.getLogger(SwarmSignaling.class);

    private final MeshConfig config;
    private final SwarmRegistry registry;
    private final SignalingProtocol protocol;
    private final ClusterRelay relay;
    private final MeshAccounting accounting;
    private final IceServers iceServers;

    SwarmSignaling(MeshConfig config, SwarmRegistry registry, SignalingProtocol protocol, ClusterRelay relay,
            MeshAccounting accounting, IceServers iceServers) {
        this.config = config;
        this.registry = registry;
        this.protocol = protocol;
        this.relay = relay;
        this.accounting = accounting;
        this.iceServers = iceServers;
    }

    /** Adds a socket's peer to a swarm and sends it its welcome. */
    void join(String swarmId, Peer.Origin origin, Peer.Role role, boolean sharing) {
        long now = System.nanoTime();
        Peer peer = new Peer(registry.newPeerId(), origin, role, sharing,
                new RateLimit(config.messagesPerSecond(), config.messageBurst(), now), now);
        List<IceServers.Server> ice = iceServers.forPeer(peer.id);
        registry.join(swarmId, peer, swarm -> swarm.join(peer, ice), relay);
    }

    void leave(String socket) {
        registry.leave(socket, relay);
    }

    /** Handles one message from a peer; problems are answered with an error to it alone. */
    void receive(String socket, String text) {
        SwarmRegistry.Member member = registry.member(socket).orElse(null);
        if (member == null) {
            return;
        }
        Swarm swarm = member.swarm();
        Peer peer = member.peer();
        long now = System.nanoTime();
        boolean allowed;
        synchronized (swarm) {
            peer.lastSeenNanos = now;
            allowed = peer.rate.tryAcquire(now);
        }
        if (!allowed) {
            error(socket, "rate-limited", "Too many messages; slow down.");
            return;
        }
        SignalingProtocol.Decoded decoded = protocol.decode(text);
        if (decoded.error() != null) {
            relay.send(socket, decoded.error());
            return;
        }
        PeerMessage message = decoded.message();
        if (message instanceof PeerMessage.ToPeer toPeer) {
            forward(swarm, peer, toPeer);
        } else if (message instanceof PeerMessage.Have have) {
            swarm.announced(peer.id, have.segments());
        } else if (message instanceof PeerMessage.Stats stats) {
            accounting.stats(swarm, peer, stats, now).forEach(credit -> relay.send(credit.socket(), credit.message()));
        } else if (message instanceof PeerMessage.Report report) {
            report(swarm, peer, report);
        } else if (message instanceof PeerMessage.Bye bye) {
            synchronized (swarm) {
                relay.send(swarm, swarm.unlink(peer.id, bye.peerId()));
            }
        } else if (message instanceof PeerMessage.Mode mode) {
            synchronized (swarm) {
                relay.send(swarm, swarm.changeMode(peer.id, mode.want()));
            }
        }
        // a heartbeat only refreshes lastSeen
    }

    void error(String socket, String code, String message) {
        relay.send(socket, new NodeMessage.Error(code, message));
    }

    /** Peers that stopped sending heartbeats are closed; their swarm re-links their neighbours. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireIdlePeers() {
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        for (Swarm swarm : registry.all()) {
            for (Peer p : swarm.snapshot()) {
                if (now - p.lastSeenNanos > idle) {
                    error(p.socket(), "idle", "No heartbeat for " + config.idleTimeout().toSeconds() + " s.");
                    relay.close(p.socket());
                    leave(p.socket());
                }
            }
        }
    }

    private void forward(Swarm swarm, Peer from, PeerMessage.ToPeer message) {
        synchronized (swarm) {
            Peer target = swarm.peer(message.to());
            if (target == null || !swarm.mayExchangeSignals(from.id, target.id)) {
                error(from.socket(), "unknown-peer", "No peer " + SignalingProtocol.abbreviate(message.to())
                        + " you may signal in this swarm.");
                return;
            }
            NodeMessage relayed;
            if (message instanceof PeerMessage.Offer offer) {
                relayed = new NodeMessage.Offer(from.id, offer.sdp());
            } else if (message instanceof PeerMessage.Answer answer) {
                relayed = new NodeMessage.Answer(from.id, answer.sdp());
            } else {
                relayed = new NodeMessage.Candidate(from.id, ((PeerMessage.Candidate) message).candidate());
            }
            relay.send(target.socket(), relayed);
        }
    }

    private void report(Swarm swarm, Peer reporter, PeerMessage.Report report) {
        List<Swarm.Outgoing> out = new ArrayList<>();
        Swarm.Verdict verdict;
        Peer accused;
        synchronized (swarm) {
            accused = swarm.peer(report.peerId());
            verdict = swarm.report(reporter.id, report.peerId(), report.segment(), config.reportsToDrop(), out);
            relay.send(swarm, out);
        }
        if (verdict == Swarm.Verdict.IGNORED) {
            return;
        }
        LOG.warnf("swarm %s: peer %s reported for a bad segment %s by %s (%s)", swarm.id, report.peerId(), report.segment(),
                reporter.id, verdict);
        if (verdict == Swarm.Verdict.ISOLATED) {
            error(accused.socket(), "dropped", "Other viewers received corrupt segments from you.");
            relay.close(accused.socket());
        }
    }
}
