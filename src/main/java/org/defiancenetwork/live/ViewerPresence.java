package org.defiancenetwork.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Who is watching what. Each node counts the heartbeats it receives (a viewer counts until its
 * heartbeat expires) and shares its counts on viewer-stats every few seconds; a broadcast's count
 * is this node's viewers plus the latest fresh count of every other node. Viewer ids are chosen by
 * the page, so one address counts as at most {@code viewers-per-address} viewers.
 */
@ApplicationScoped
public class ViewerPresence {

    private static final Logger LOG = Logger.getLogger(ViewerPresence.class);
    static final long SHARE_EVERY_MILLIS = 3000;

    /** A listener for changed totals, e.g. the pages' live events. */
    public interface Listener {
        void viewersChanged(String broadcastId, int viewers);
    }

    private record Remote(Map<String, Integer> viewers, long receivedNanos) {
    }

    private record Seen(String address, long nanos) {
    }

    private final Map<String, Map<String, Seen>> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Remote> otherNodes = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastTotals = new ConcurrentHashMap<>();
    private final long expiryNanos;
    private final int perAddress;
    private final NodeIdentity node;
    private final Emitter<String> stats;
    private final EventJson json;
    private volatile Listener listener = (id, n) -> { };

    ViewerPresence(LiveConfig config, NodeIdentity node, @Channel(EventChannels.VIEWER_STATS_OUT) Emitter<String> stats,
            EventJson json) {
        this.expiryNanos = config.viewerExpiry().toNanos();
        this.perAddress = config.viewersPerAddress();
        this.node = node;
        this.stats = stats;
        this.json = json;
    }

    public void listen(Listener newListener) {
        this.listener = newListener;
    }

    /**
     * Records a heartbeat from {@code address} and returns how many viewers the broadcast has now,
     * across nodes. A new viewer id from an address that already counts as the most it may is not
     * counted (its heartbeats are answered all the same).
     */
    public int heartbeat(String broadcastId, String viewerId, String address) {
        Map<String, Seen> viewers = lastSeen.computeIfAbsent(broadcastId, id -> new ConcurrentHashMap<>());
        long now = System.nanoTime();
        synchronized (viewers) {
            Seen before = viewers.get(viewerId);
            if (before != null && address.equals(before.address())) {
                viewers.put(viewerId, new Seen(address, now));
            } else if (fromAddress(viewers, address, now) < perAddress) {
                viewers.put(viewerId, new Seen(address, now));
            }
        }
        return count(broadcastId);
    }

    private long fromAddress(Map<String, Seen> viewers, String address, long now) {
        return viewers.values().stream().filter(v -> v.address().equals(address) && now - v.nanos() < expiryNanos).count();
    }

    public int count(String broadcastId) {
        long now = System.nanoTime();
        int total = local(broadcastId, now);
        for (Remote r : otherNodes.values()) {
            if (now - r.receivedNanos() < expiryNanos) {
                total += r.viewers().getOrDefault(broadcastId, 0);
            }
        }
        return total;
    }

    public void forget(String broadcastId) {
        lastSeen.remove(broadcastId);
        lastTotals.remove(broadcastId);
    }

    @Incoming(EventChannels.VIEWER_STATS)
    void receive(String event) {
        try {
            ViewerStats s = json.read(event, ViewerStats.class);
            if (!node.id().equals(s.node())) {
                otherNodes.put(s.node(), new Remote(Map.copyOf(s.viewers()), System.nanoTime()));
                s.viewers().keySet().forEach(this::announceIfChanged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ignored viewer stats: %s", e.getMessage());
        }
    }

    /** Expires silent viewers, shares this node's counts, and tells listeners what changed. */
    @Scheduled(every = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void share() {
        long now = System.nanoTime();
        Map<String, Integer> mine = new HashMap<>();
        lastSeen.forEach((broadcast, viewers) -> {
            synchronized (viewers) {
                viewers.values().removeIf(seen -> now - seen.nanos() >= expiryNanos);
                mine.put(broadcast, viewers.size());
            }
        });
        lastSeen.values().removeIf(Map::isEmpty);
        otherNodes.values().removeIf(r -> now - r.receivedNanos() >= expiryNanos);
        try {
            stats.send(json.write(new ViewerStats(node.id(), mine, Instant.now())));
        } catch (RuntimeException e) {
            LOG.debugf("viewer stats not shared: %s", e.getMessage());
        }
        mine.keySet().forEach(this::announceIfChanged);
        lastTotals.keySet().forEach(this::announceIfChanged);
    }

    private void announceIfChanged(String broadcastId) {
        int total = count(broadcastId);
        Integer before = lastTotals.put(broadcastId, total);
        if (before == null || before != total) {
            listener.viewersChanged(broadcastId, total);
        }
    }

    private int local(String broadcastId, long now) {
        Map<String, Seen> viewers = lastSeen.get(broadcastId);
        return viewers == null ? 0 : (int) viewers.values().stream().filter(seen -> now - seen.nanos() < expiryNanos).count();
    }
}
