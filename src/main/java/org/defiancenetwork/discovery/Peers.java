package org.defiancenetwork.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.defiancenetwork.platform.Threads;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The other nodes this node knows: it probes each one's descriptor (verified: signature, id from
 * key, the id a registry pinned), keeps their reachability, reliability and round-trip time, backs
 * off from those that fail, forgets those silent for too long, asks those it follows for
 * announcements, and answers nodes that ask to follow it. Network calls run on a small fixed pool,
 * never inside a transaction.
 */
@ApplicationScoped
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);
    /** Peers learnt from another node's registry per exchange, so one peer cannot flood the table. */
    private static final int MAX_LEARNT_PER_EXCHANGE = 50;
    private static final int MAX_PEERS = 2000;

    @Inject
    DiscoveryConfig config;
    @Inject
    PeerClient client;
    @Inject
    ThisNode self;
    @Inject
    ObjectMapper json;
    @Inject
    Announcements announcements;
    @Inject
    DiscoveryMetrics metrics;

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Base URLs that turned out to be this node itself (a registry listing everyone). */
    private final Set<String> selfUrls = ConcurrentHashMap.newKeySet();
    private final Map<String, RemoteFetch.Validators> exchangeValidators = new ConcurrentHashMap<>();
    private volatile ExecutorService pool;
    private volatile Instant lastForget = Instant.EPOCH;

    void start(@Observes StartupEvent startup) {
        pool = Threads.fixedPool("discovery-peers", 4);
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // --- learning of nodes ---

    /** A node a registry names: added if new (probed soon), its pinned id noted. */
    public void learn(PeerRegistryFormat.Entry entry, PeerNode.Source source) {
        String base = entry.baseUrl().toString();
        if (selfUrls.contains(base) || base.equals(self.baseUrl().orElse(null))) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Optional<PeerNode> known = PeerNode.byBaseUrl(base);
            String pinned = isNodeId(entry.peerId()) ? entry.peerId() : null;
            if (pinned != null && pinned.equals(self.id())) {
                return;
            }
            if (known.isPresent()) {
                PeerNode p = known.get();
                if (pinned != null && p.pinnedId == null) {
                    p.pinnedId = pinned;
                }
                if (source == PeerNode.Source.REGISTRY && p.source == PeerNode.Source.PEER) {
                    p.source = PeerNode.Source.REGISTRY;
                    p.following = p.following || config.followRegistryNodes();
                }
                return;
            }
            if (pinned != null && PeerNode.byNodeId(pinned).isPresent() || PeerNode.count() >= MAX_PEERS) {
                return;
            }
            PeerNode p = new PeerNode();
            p.baseUrl = base;
            p.pinnedId = pinned;
            p.region = entry.region();
            p.capabilities = String.join(",", entry.capabilities());
            p.source = source;
            p.following = source == PeerNode.Source.REGISTRY && config.followRegistryNodes();
            p.firstSeen = Instant.now();
            p.nextProbe = Instant.now();
            p.persist();
            LOG.infof("learnt of node %s (%s)", base, source.name().toLowerCase());
        });
    }

    /** The operator adds a node by its address and follows it. */
    public PeerNode add(String address) {
        URI base = Multiaddr.toBaseUrl(address);
        try {
            client.guard().check(base);
        } catch (UrlGuard.Refused e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            PeerNode p = PeerNode.byBaseUrl(base.toString()).orElseGet(() -> {
                PeerNode fresh = new PeerNode();
                fresh.baseUrl = base.toString();
                fresh.source = PeerNode.Source.OPERATOR;
                fresh.firstSeen = Instant.now();
                return fresh;
            });
            p.following = true;
            p.nextProbe = Instant.now();
            p.persist();
            return p;
        });
    }

    // --- probing ---

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void tick() {
        if (pool == null) {
            return;
        }
        Instant now = Instant.now();
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>list(
                "blocked = false and nextProbe <= ?1 order by nextProbe", now).stream().map(p -> p.id).toList());
        for (Long id : due) {
            if (inFlight.add(id)) {
                pool.execute(() -> {
                    try {
                        probe(id);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "probe of peer %d failed unexpectedly", id);
                    } finally {
                        inFlight.remove(id);
                    }
                });
            }
        }
        if (Duration.between(lastForget, now).toSeconds() >= 60) {
            lastForget = now;
            forgetSilent(now);
        }
    }

    void probe(long id) {
        PeerNode before = QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>findById(id));
        if (before == null || before.blocked) {
            return;
        }
        Instant now = Instant.now();
        PeerClient.Probed probed = null;
        String error = null;
        try {
            probed = client.probe(before.baseUrl, now);
            String claimed = probed.descriptor().id();
            if (claimed.equals(self.id())) {
                selfUrls.add(before.baseUrl);
                QuarkusTransaction.requiringNew().run(() -> PeerNode.deleteById(id));
                return;
            }
            if (before.pinnedId != null && !before.pinnedId.equals(claimed)) {
                error = "the registry names " + before.pinnedId + " here, but the node's key makes it " + claimed;
                probed = null;
            } else if (before.nodeId != null && !before.nodeId.equals(claimed)) {
                error = "the node here was " + before.nodeId + " and now claims to be " + claimed + " (another key)";
                probed = null;
            }
        } catch (Rejected e) {
            error = e.getMessage();
            if (e.badSignature()) {
                metrics.rejected("descriptor", e.reason());
            }
        } catch (UrlGuard.Refused e) {
            error = "refused: " + e.getMessage();
        } catch (IOException e) {
            error = e.getMessage();
        }
        PeerClient.Probed ok = probed;
        String failure = error;
        boolean[] wasReachable = new boolean[1];
        PeerNode after = QuarkusTransaction.requiringNew().call(() -> {
            PeerNode p = PeerNode.findById(id);
            if (p == null) {
                return null;
            }
            wasReachable[0] = p.reachable;
            p.lastProbe = now;
            p.probes++;
            if (ok != null) {
                NodeDescriptor d = ok.descriptor();
                Optional<PeerNode> other = PeerNode.byNodeId(d.id());
                if (other.isPresent() && !other.get().id.equals(p.id)) {
                    // The same node under a second address: keep the one known first.
                    p.delete();
                    return null;
                }
                p.nodeId = d.id();
                p.publicKey = d.publicKey();
                p.name = d.name();
                p.region = d.region() != null ? d.region() : p.region;
                p.capabilities = d.capabilities() == null ? p.capabilities : String.join(",", d.capabilities());
                p.softwareVersion = d.version();
                p.reachable = true;
                p.lastSeen = now;
                p.rttMs = ok.rttMs();
                p.lastError = null;
                p.history(p.history().succeeded());
            } else {
                p.reachable = false;
                p.lastError = abbreviate(failure);
                p.history(p.history().failed());
            }
            p.nextProbe = now.plus(p.history().nextProbeAfter(config.probeInterval(), config.maxBackoff()));
            return p;
        });
        if (after == null) {
            return;
        }
        if (ok == null) {
            if (wasReachable[0]) {
                LOG.infof("node %s (%s) is unreachable: %s", after.name, after.baseUrl, failure);
            }
            return;
        }
        if (!wasReachable[0]) {
            LOG.infof("node %s (%s, %s) is reachable", after.name, after.nodeId, after.baseUrl);
        }
        if (after.following && !after.followAcknowledged) {
            sendFollow(after, true);
        }
        boolean pullDue = after.following && (!wasReachable[0] || after.lastPull == null
                || Duration.between(after.lastPull, now).compareTo(config.pullInterval()) >= 0);
        if (pullDue) {
            pull(after, now);
            exchange(after);
        }
    }

    private void pull(PeerNode peer, Instant now) {
        try {
            JsonNode answer = client.announcements(peer.baseUrl, peer.lastPull);
            announcements.acceptPulled(peer.nodeId, answer);
            QuarkusTransaction.requiringNew().run(() -> {
                PeerNode p = PeerNode.findById(peer.id);
                if (p != null) {
                    p.lastPull = now;
                }
            });
        } catch (IOException | UrlGuard.Refused | Rejected e) {
            LOG.infof("could not pull announcements from %s: %s", peer.baseUrl, e.getMessage());
        }
    }

    /** Learns the nodes a followed peer knows, from its own registry (never followed automatically). */
    private void exchange(PeerNode peer) {
        try {
            RemoteFetch.Fetched answer = client.registry(peer.baseUrl,
                    exchangeValidators.getOrDefault(peer.baseUrl, RemoteFetch.Validators.NONE));
            if (answer.notModified()) {
                return;
            }
            exchangeValidators.put(peer.baseUrl, answer.validators());
            PeerRegistryFormat.Parsed parsed = PeerRegistryFormat.read(json, answer.body());
            parsed.nodes().stream().limit(MAX_LEARNT_PER_EXCHANGE).forEach(e -> {
                try {
                    client.guard().check(e.baseUrl());
                    learn(e, PeerNode.Source.PEER);
                } catch (UrlGuard.Refused refused) {
                    LOG.debugf("%s lists %s, which this node does not fetch: %s", peer.baseUrl, e.baseUrl(), refused.getMessage());
                }
            });
        } catch (IOException | UrlGuard.Refused | PeerRegistryFormat.Invalid e) {
            LOG.debugf("no registry from %s: %s", peer.baseUrl, e.getMessage());
        }
    }

    private void sendFollow(PeerNode peer, boolean follow) {
        Optional<String> own = self.baseUrl();
        if (own.isEmpty()) {
            LOG.warnf("cannot follow %s: set defiance.public-base-url so it can reach this node", peer.baseUrl);
            return;
        }
        ObjectNode request = json.createObjectNode()
                .put("type", FollowRequest.TYPE)
                .put("follower_id", self.id())
                .put("follower_key", self.publicKey())
                .put("follower_url", own.get())
                .put("target_id", peer.nodeId)
                .put("follow", follow)
                .put("time", Instants.text(Instant.now()));
        try {
            client.follow(peer.baseUrl, SignedJson.sign(request, self.keys()));
            QuarkusTransaction.requiringNew().run(() -> {
                PeerNode p = PeerNode.findById(peer.id);
                if (p != null) {
                    p.followAcknowledged = follow;
                }
            });
            LOG.infof("%s %s", follow ? "following" : "no longer following", peer.baseUrl);
        } catch (IOException | UrlGuard.Refused e) {
            LOG.infof("could not %s %s: %s", follow ? "follow" : "unfollow", peer.baseUrl, e.getMessage());
        }
    }

    private void forgetSilent(Instant now) {
        Instant cutoff = now.minus(config.forgetAfter());
        long forgotten = QuarkusTransaction.requiringNew().call(() -> PeerNode.delete(
                "blocked = false and ((lastSeen is null and firstSeen < ?1) or lastSeen < ?1)", cutoff));
        if (forgotten > 0) {
            LOG.infof("forgot %d nodes silent since %s", forgotten, cutoff);
        }
    }

    // --- the operator's choices ---

    public void follow(long id, boolean follow) {
        PeerNode peer = QuarkusTransaction.requiringNew().call(() -> {
            PeerNode p = PeerNode.findById(id);
            if (p == null) {
                return null;
            }
            p.following = follow;
            p.followAcknowledged = false;
            p.nextProbe = Instant.now();
            return p;
        });
        if (peer == null) {
            throw new jakarta.ws.rs.NotFoundException("There is no peer " + id + ".");
        }
        if (!follow && peer.nodeId != null && pool != null) {
            pool.execute(() -> sendFollow(peer, false));
        }
    }

    public void block(long id, boolean block, String reason) {
        boolean found = QuarkusTransaction.requiringNew().call(() -> {
            PeerNode p = PeerNode.findById(id);
            if (p == null) {
                return false;
            }
            p.blocked = block;
            p.blockReason = block ? reason : null;
            if (block) {
                p.follower = false;
                p.reachable = false;
            } else {
                p.badSignatures = 0;
                p.nextProbe = Instant.now();
            }
            return true;
        });
        if (!found) {
            throw new jakarta.ws.rs.NotFoundException("There is no peer " + id + ".");
        }
        if (block) {
            announcements.forgetOrigin(QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>findById(id).nodeId));
        }
    }

    /**
     * A peer sent something whose signature does not verify: the first time marks it, at
     * {@code bad-signatures-to-block} it is blocked. Unknown senders have nothing to mark.
     */
    public void badSignature(String nodeId, String what) {
        if (nodeId == null) {
            return;
        }
        boolean blocked = QuarkusTransaction.requiringNew().call(() -> {
            // counted in the database, so concurrent refusals each count once
            if (PeerNode.update("badSignatures = badSignatures + 1 where nodeId = ?1", nodeId) == 0) {
                return false;
            }
            PeerNode p = PeerNode.byNodeId(nodeId).orElseThrow();
            if (p.badSignatures >= config.badSignaturesToBlock() && !p.blocked) {
                p.blocked = true;
                p.blockReason = p.badSignatures + " bad signatures; the last: " + abbreviate(what);
                p.follower = false;
                return true;
            }
            return false;
        });
        if (blocked) {
            LOG.warnf("blocked node %s after %d bad signatures", nodeId, config.badSignaturesToBlock());
            metrics.blocked();
        }
    }

    // --- what others ask of this node ---

    /** Checks a follow request (signature, id, target, time) and the follower's own descriptor, then records it. */
    public void acceptFollow(JsonNode document) throws Rejected, IOException, UrlGuard.Refused {
        FollowRequest request = FollowRequest.verified(json, document, self.id(), Instant.now(), config.maxClockSkew());
        Optional<PeerNode> known = QuarkusTransaction.requiringNew().call(() -> PeerNode.byNodeId(request.followerId()));
        if (known.isPresent() && known.get().blocked) {
            throw new Rejected(Rejected.BLOCKED, "this node does not talk to " + request.followerId());
        }
        URI base;
        try {
            base = Multiaddr.toBaseUrl(request.followerUrl());
        } catch (Multiaddr.Invalid e) {
            throw new Rejected(Rejected.MALFORMED, "follower_url " + e.getMessage());
        }
        if (known.isEmpty() && QuarkusTransaction.requiringNew().call(() -> PeerNode.count()) >= MAX_PEERS) {
            throw new Rejected(Rejected.MALFORMED, "this node knows as many nodes as it keeps (" + MAX_PEERS + ")");
        }
        // The follower must live where it says: otherwise anyone could point this node's pushes at any address.
        PeerClient.Probed probed = client.probe(base.toString(), Instant.now());
        if (!probed.descriptor().id().equals(request.followerId())) {
            throw new Rejected(Rejected.WRONG_KEY, "the node at " + base + " is " + probed.descriptor().id()
                    + ", not the follower " + request.followerId());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            PeerNode p = PeerNode.byNodeId(request.followerId())
                    .or(() -> PeerNode.byBaseUrl(base.toString()))
                    .orElseGet(() -> {
                        PeerNode fresh = new PeerNode();
                        fresh.source = PeerNode.Source.FOLLOWER;
                        fresh.firstSeen = Instant.now();
                        fresh.nextProbe = Instant.now().plus(config.probeInterval());
                        return fresh;
                    });
            p.nodeId = request.followerId();
            p.publicKey = request.followerKey();
            p.baseUrl = p.baseUrl == null ? base.toString() : p.baseUrl;
            p.name = probed.descriptor().name();
            p.reachable = true;
            p.lastSeen = Instant.now();
            p.follower = request.follow();
            p.persist();
        });
        LOG.infof("%s %s", request.follow() ? "followed by" : "no longer followed by", request.followerUrl());
        if (request.follow()) {
            announcements.catchUp(request.followerId());
        }
    }

    /** A peer this node follows (and has not blocked), by id: only those may push to it. */
    public Optional<PeerNode> followed(String nodeId) {
        return QuarkusTransaction.requiringNew().call(() -> PeerNode.byNodeId(nodeId)
                .filter(p -> p.following && !p.blocked));
    }

    public boolean isBlocked(String nodeId) {
        return QuarkusTransaction.requiringNew().call(() -> PeerNode.byNodeId(nodeId).map(p -> p.blocked).orElse(false));
    }

    public List<PeerNode> followers() {
        return QuarkusTransaction.requiringNew().call(PeerNode::followers);
    }

    public List<PeerNode> all() {
        return QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>list("order by firstSeen"));
    }

    public Optional<PeerNode> byNodeId(String nodeId) {
        return QuarkusTransaction.requiringNew().call(() -> PeerNode.byNodeId(nodeId));
    }

    ExecutorService pool() {
        return pool;
    }

    static boolean isNodeId(String id) {
        return id != null && id.matches("dn[a-z2-7]{32}");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
