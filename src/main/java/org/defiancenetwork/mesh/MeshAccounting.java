package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Bytes and credit: viewers report running totals of what they played from peers and from nodes,
 * and per neighbour what they received from it. Nothing a viewer claims is taken at face value:
 * growth is clamped to what a viewer could plausibly have played in the time since its last report,
 * and a neighbour's credit counts only what its receivers confirm, never its own claim.
 */
@ApplicationScoped
class MeshAccounting {

    /** Per-swarm figures for pages and the admin view. */
    record SwarmView(String id, int viewers, boolean broadcasterConnected, long bytesFromPeers, long bytesFromServer) {
        public int peerShare() {
            long total = bytesFromPeers + bytesFromServer;
            return total == 0 ? 0 : (int) Math.round(100.0 * bytesFromPeers / total);
        }
    }

    /** A credit update for one signed-in sender's socket. */
    record CreditNotice(String socket, NodeMessage.Credit message) {
    }

    private final MeshConfig config;
    private final SwarmRegistry registry;
    private final RelayCredits credits;
    private final Counter bytesFromPeers;
    private final Counter bytesFromServer;
    private long lastTickNanos = System.nanoTime();

    MeshAccounting(MeshConfig config, SwarmRegistry registry, RelayCredits credits, MeterRegistry metrics) {
        this.config = config;
        this.registry = registry;
        this.credits = credits;
        // No base unit: the unit is in the name, and Prometheus would append it again.
        this.bytesFromPeers = Counter.builder("defiance.mesh.bytes.from.peers")
                .description("Bytes of media viewers received from other viewers").register(metrics);
        this.bytesFromServer = Counter.builder("defiance.mesh.bytes.from.server")
                .description("Bytes of media viewers report having fetched from nodes").register(metrics);
    }

    /** Takes a viewer's report; returns the credit updates for the neighbours it confirmed. */
    List<CreditNotice> stats(Swarm swarm, Peer receiver, PeerMessage.Stats stats, long now) {
        List<Swarm.Delivery> deliveries;
        long peersDelta;
        long serverDelta;
        synchronized (swarm) {
            long allowance = allowance(now - receiver.lastStatsNanos);
            receiver.lastStatsNanos = now;
            peersDelta = clamp(stats.bytesFromPeers() - receiver.bytesFromPeers, allowance);
            serverDelta = clamp(stats.bytesFromServer() - receiver.bytesFromServer, allowance);
            receiver.bytesFromPeers += peersDelta;
            receiver.bytesFromServer += serverDelta;
            deliveries = swarm.received(receiver.id, stats.fromPeers());
        }
        bytesFromPeers.increment(peersDelta);
        bytesFromServer.increment(serverDelta);
        swarm.bytesFromPeers.addAndGet(peersDelta);
        swarm.bytesFromServer.addAndGet(serverDelta);

        // What neighbours sent cannot exceed what this viewer played from peers in the same time.
        long confirmable = peersDelta;
        Map<String, CreditNotice> notices = new LinkedHashMap<>();
        for (Swarm.Delivery d : deliveries) {
            String account = d.sender().origin.account();
            long bytes = Math.min(d.bytes(), confirmable);
            if (account == null || bytes <= 0 || d.sender().origin.identity().equals(receiver.origin.identity())) {
                continue;
            }
            confirmable -= bytes;
            RelayCredits.Tally tally = credits.delivered(swarm.id, account, bytes, receiver.origin.identity());
            notices.put(d.sender().socket(), new CreditNotice(d.sender().socket(),
                    new NodeMessage.Credit(tally.bytes(), tally.receivers())));
        }
        return new ArrayList<>(notices.values());
    }

    /** Signed-in viewers who share earn minutes; the ledger is written out on the same beat. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        long now = System.nanoTime();
        long since = lastTickNanos;
        lastTickNanos = now;
        for (Swarm swarm : registry.all()) {
            for (Peer p : swarm.snapshot()) {
                if (p.origin.account() != null && p.role == Peer.Role.VIEWER && p.sharing && p.mode == Peer.Mode.HLS) {
                    credits.active(swarm.id, p.origin.account(), (now - Math.max(since, p.joinedNanos)) / 1_000_000_000d);
                }
            }
        }
        credits.flush();
    }

    void onStop(@jakarta.enterprise.event.Observes ShutdownEvent stop) {
        credits.flush();
    }

    List<SwarmView> views() {
        return registry.all().stream().sorted(Comparator.comparing(s -> s.id))
                .map(s -> new SwarmView(s.id, s.viewers(), s.broadcaster() != null, s.bytesFromPeers.get(), s.bytesFromServer.get()))
                .toList();
    }

    /** Most bytes a viewer can have played in {@code elapsedNanos} (at least one second's worth). */
    long allowance(long elapsedNanos) {
        double seconds = Math.max(1, elapsedNanos / 1_000_000_000d);
        return (long) Math.min(Long.MAX_VALUE / 2d, seconds * config.maxBytesPerSecond());
    }

    static long clamp(long delta, long allowance) {
        return Math.max(0, Math.min(delta, allowance));
    }
}
