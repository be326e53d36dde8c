package org.defiancenetwork.discovery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.defiancenetwork.live.api.BroadcastEvent;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.Broadcasts;
import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.platform.KeyedRateLimits;
import org.defiancenetwork.platform.net.UrlGuard;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;

/**
 * Signed announcements of live broadcasts: this node's own (made when a broadcast starts or ends,
 * renewed while it is live, pushed to followers) and those received from other nodes (verified
 * against the origin's key before anything is kept, one per broadcast, the latest issued; forwarded
 * once to this node's followers while under the hop limit; gone when they expire). Received ones
 * live in memory: they expire within minutes, and after a restart the next pull or renewal
 * brings them back.
 */
@ApplicationScoped
public class Announcements {

    private static final Logger LOG = Logger.getLogger(Announcements.class);
    static final String DELIVERY = "defiance-delivery";
    /** Hops beyond any sensible limit are refused outright; the configured limit decides forwarding. */
    static final int MAX_HOPS = 8;
    private static final int MAX_HELD = 5000;
    private static final int MAX_PULLED = 1000;

    /** A verified announcement as this node keeps it. */
    public record Held(Announcement announcement, ObjectNode document, int hops, String via, String receivedBy,
            Instant storedAt) {
    }

    /** What became of an announcement that verified. */
    public enum Outcome { NEW, DUPLICATE, OWN }

    @Inject
    DiscoveryConfig config;
    @Inject
    ThisNode self;
    @Inject
    Broadcasts broadcasts;
    @Inject
    ObjectMapper json;
    @Inject
    PeerClient client;
    @Inject
    Peers peers;
    @Inject
    DiscoveryMetrics metrics;

    private final Map<String, Held> own = new ConcurrentHashMap<>();
    private final Map<String, Held> received = new ConcurrentHashMap<>();
    private volatile KeyedRateLimits pushLimits;
    private volatile boolean warnedNoBaseUrl;

    KeyedRateLimits pushLimits() {
        KeyedRateLimits limits = pushLimits;
        if (limits == null) {
            synchronized (this) {
                if (pushLimits == null) {
                    pushLimits = new KeyedRateLimits(config.pushesPerMinute() / 60.0, config.pushBurst(), 10_000);
                }
                limits = pushLimits;
            }
        }
        return limits;
    }

    // --- this node's own broadcasts ---

    void onBroadcast(@ObservesAsync BroadcastEvent event) {
        if (event.kind() == BroadcastEvent.Kind.STARTED) {
            announce(event.broadcastId(), true);
        } else {
            announce(event.broadcastId(), false);
        }
    }

    /** Signs and keeps an announcement of one of this node's broadcasts, and pushes it to followers. */
    synchronized Optional<ObjectNode> announce(String broadcastId, boolean live) {
        Optional<String> base = self.baseUrl();
        if (base.isEmpty()) {
            if (!warnedNoBaseUrl) {
                warnedNoBaseUrl = true;
                LOG.warn("broadcasts are not announced to other nodes: set defiance.public-base-url");
            }
            return Optional.empty();
        }
        Optional<BroadcastStatus> status = broadcasts.status(broadcastId);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        BroadcastStatus s = status.get();
        Instant now = self.clock().instant();
        ObjectNode unsigned = json.valueToTree(new Announcement(Announcement.TYPE, self.id(), self.publicKey(), self.name(),
                base.get(), s.id(), live ? Announcement.LIVE : Announcement.ENDED, s.title(), null, "video",
                s.channelSlug(), s.channelTitle(), base.get() + "/watch/" + s.id(),
                base.get() + MediaLayout.url(s.id(), MediaLayout.MASTER_PLAYLIST),
                s.startedAt() == null ? null : Instants.text(s.startedAt()), s.viewers(), Instants.text(now),
                Instants.text(now.plus(config.announcementLifetime())), null));
        ObjectNode signed = SignedJson.sign(unsigned, self.keys());
        Announcement a = json.convertValue(signed, Announcement.class);
        own.put(broadcastId, new Held(a, signed, 0, null, "own", now));
        push(signed, 1, Set.of());
        return Optional.of(signed);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s")
    void tick() {
        Instant now = self.clock().instant();
        Duration renewal = config.announcementLifetime().dividedBy(3);
        for (Held h : List.copyOf(own.values())) {
            String id = h.announcement().broadcastId();
            if (h.announcement().live()) {
                if (!broadcasts.isLive(id)) {
                    announce(id, false);
                } else if (Duration.between(h.storedAt(), now).compareTo(renewal) >= 0) {
                    announce(id, true);
                }
            } else if (!h.announcement().expires().isAfter(now)) {
                own.remove(id, h);
            }
        }
        received.values().removeIf(h -> !h.announcement().expires().isAfter(now));
    }

    // --- announcements from other nodes ---

    /**
     * A push from a peer: the envelope must be signed by a node this node follows, recent, and
     * within that peer's rate; then the announcement inside is checked against its origin's key.
     */
    public Outcome acceptDelivery(JsonNode envelope) throws Rejected, RateLimited, NotFollowed, AnnouncementRefused {
        try {
            SignedJson.verify(envelope, DELIVERY, "sender_id", "sender_key");
        } catch (Rejected e) {
            metrics.rejected("delivery", e.reason());
            throw e;
        }
        String sender = envelope.get("sender_id").textValue();
        Instant now = self.clock().instant();
        Instant sent;
        try {
            sent = Instant.parse(envelope.path("sent_at").asText());
        } catch (RuntimeException e) {
            metrics.rejected("delivery", Rejected.MALFORMED);
            throw new Rejected(Rejected.MALFORMED, "sent_at is not an RFC 3339 UTC time");
        }
        if (Duration.between(sent, now).abs().compareTo(config.maxClockSkew()) > 0) {
            metrics.rejected("delivery", Rejected.STALE);
            throw new Rejected(Rejected.STALE, "the delivery was sent at " + sent + ", too far from this node's clock (" + now + ")");
        }
        if (peers.isBlocked(sender)) {
            metrics.rejected("delivery", Rejected.BLOCKED);
            throw new NotFollowed("this node has blocked " + sender, true);
        }
        if (peers.followed(sender).isEmpty()) {
            metrics.rejected("delivery", "not-followed");
            throw new NotFollowed("this node does not follow " + sender + "; it accepts pushes only from nodes it follows", false);
        }
        if (!pushLimits().tryAcquire(sender)) {
            metrics.rejected("delivery", "rate-limited");
            throw new RateLimited(pushLimits().retryAfterSeconds());
        }
        JsonNode hops = envelope.get("hops");
        if (hops == null || !hops.isInt() || hops.intValue() < 1 || hops.intValue() > MAX_HOPS) {
            metrics.rejected("delivery", Rejected.MALFORMED);
            throw new Rejected(Rejected.MALFORMED, "hops must be a whole number from 1 to " + MAX_HOPS);
        }
        try {
            return accept(envelope.get("announcement"), hops.intValue(), sender, "push");
        } catch (Rejected e) {
            throw new AnnouncementRefused(e);
        }
    }

    /** The answer of a followed peer to {@code GET /api/network/announcements}. */
    void acceptPulled(String from, JsonNode answer) {
        JsonNode items = answer.path("announcements");
        if (!items.isArray()) {
            return;
        }
        int n = 0;
        for (JsonNode item : items) {
            if (++n > MAX_PULLED) {
                break;
            }
            try {
                int hops = item.path("hops").asInt(0);
                if (hops < 1 || hops > MAX_HOPS) {
                    throw new Rejected(Rejected.MALFORMED, "hops must be a whole number from 1 to " + MAX_HOPS);
                }
                accept(item.get("announcement"), hops, from, "pull");
            } catch (Rejected e) {
                LOG.debugf("pulled announcement from %s refused: %s", from, e.getMessage());
            }
        }
    }

    /**
     * Verifies one announcement (origin's signature before anything else), keeps it when it is
     * newer than what this node has of that broadcast, and forwards it once while under the hop
     * limit. A bad signature counts against {@code via}, the peer that sent it.
     */
    Outcome accept(JsonNode document, int hops, String via, String receivedBy) throws Rejected {
        Instant now = self.clock().instant();
        Announcement a;
        try {
            a = Announcement.verified(json, document, now, config.maxClockSkew());
            if (peers.isBlocked(a.originId())) {
                throw new Rejected(Rejected.BLOCKED, "this node has blocked the origin " + a.originId());
            }
        } catch (Rejected e) {
            metrics.rejected("announcement", e.reason());
            if (e.badSignature()) {
                LOG.warnf("announcement from %s refused: %s", via, e.getMessage());
                peers.badSignature(via, e.getMessage());
            }
            throw e;
        }
        if (a.originId().equals(self.id())) {
            return Outcome.OWN;
        }
        Held fresh = new Held(a, (ObjectNode) document.deepCopy(), hops, via, receivedBy, now);
        boolean[] isNew = new boolean[1];
        received.compute(a.key(), (k, held) -> {
            if (held != null && !a.issued().isAfter(held.announcement().issued())) {
                return held;
            }
            if (held == null && received.size() >= MAX_HELD) {
                return null;
            }
            isNew[0] = true;
            return fresh;
        });
        if (!isNew[0]) {
            return Outcome.DUPLICATE;
        }
        metrics.accepted();
        if (hops < config.hopLimit()) {
            Set<String> skip = new HashSet<>();
            skip.add(a.originId());
            if (via != null) {
                skip.add(via);
            }
            push(fresh.document(), hops + 1, skip);
        }
        return Outcome.NEW;
    }

    /** A new follower gets what it would have been pushed: this node's live announcements and forwardable ones. */
    void catchUp(String followerId) {
        Optional<PeerNode> follower = peers.byNodeId(followerId);
        if (follower.isEmpty() || peers.pool() == null) {
            return;
        }
        for (Item item : since(null)) {
            if (!followerId.equals(item.announcement().path("origin_id").asText())) {
                peers.pool().execute(() -> deliver(follower.get(), item.announcement(), item.hops()));
            }
        }
    }

    void forgetOrigin(String originId) {
        if (originId != null) {
            received.values().removeIf(h -> h.announcement().originId().equals(originId));
        }
    }

    private void push(ObjectNode announcement, int hops, Set<String> skip) {
        if (peers.pool() == null) {
            return;
        }
        for (PeerNode follower : peers.followers()) {
            if (!skip.contains(follower.nodeId)) {
                peers.pool().execute(() -> deliver(follower, announcement, hops));
            }
        }
    }

    private void deliver(PeerNode follower, ObjectNode announcement, int hops) {
        Optional<String> base = self.baseUrl();
        if (base.isEmpty()) {
            return;
        }
        ObjectNode envelope = json.createObjectNode()
                .put("type", DELIVERY)
                .put("sender_id", self.id())
                .put("sender_key", self.publicKey())
                .put("sent_at", Instants.text(self.clock().instant()))
                .put("hops", hops);
        envelope.set("announcement", announcement);
        try {
            client.deliver(follower.baseUrl, SignedJson.sign(envelope, self.keys()));
        } catch (IOException | UrlGuard.Refused e) {
            LOG.infof("could not push to %s: %s", follower.baseUrl, e.getMessage());
        }
    }

    // --- what pages and peers read ---

    /** An announcement as the pull API hands it out: the hops the receiver is at. */
    public record Item(int hops, ObjectNode announcement, Instant storedAt) {
    }

    /** This node's announcements and the forwardable received ones, kept after {@code since}. */
    public List<Item> since(Instant since) {
        List<Item> items = new ArrayList<>();
        for (Held h : own.values()) {
            if (since == null || h.storedAt().isAfter(since)) {
                items.add(new Item(1, h.document(), h.storedAt()));
            }
        }
        for (Held h : received.values()) {
            if (h.hops() < config.hopLimit() && (since == null || h.storedAt().isAfter(since))) {
                items.add(new Item(h.hops() + 1, h.document(), h.storedAt()));
            }
        }
        items.sort(Comparator.comparing(Item::storedAt));
        return items;
    }

    /** Live broadcasts of other nodes, newest first. */
    public List<Held> liveElsewhere() {
        Instant now = self.clock().instant();
        return received.values().stream()
                .filter(h -> h.announcement().live() && h.announcement().expires().isAfter(now))
                .sorted(Comparator.comparing((Held h) -> h.announcement().issued()).reversed())
                .toList();
    }

    public Optional<Held> received(String originId, String broadcastId) {
        return Optional.ofNullable(received.get(originId + "/" + broadcastId));
    }

    public Optional<Held> own(String broadcastId) {
        return Optional.ofNullable(own.get(broadcastId));
    }

    ArrayNode toJson(List<Item> items) {
        ArrayNode array = json.createArrayNode();
        for (Item i : items) {
            ObjectNode o = array.addObject();
            o.put("hops", i.hops());
            o.set("announcement", i.announcement());
        }
        return array;
    }

    /** The delivery was fine, the announcement in it was not. */
    public static final class AnnouncementRefused extends Exception {
        AnnouncementRefused(Rejected cause) {
            super("the announcement is refused: " + cause.getMessage(), cause);
        }
    }

    /** Too many pushes from one peer. */
    public static final class RateLimited extends Exception {
        private final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super("too many pushes; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The sender is not a node this node follows, or is blocked. */
    public static final class NotFollowed extends Exception {
        private final boolean blocked;

        NotFollowed(String message, boolean blocked) {
            super(message);
            this.blocked = blocked;
        }

        public boolean blocked() {
            return blocked;
        }
    }
}
