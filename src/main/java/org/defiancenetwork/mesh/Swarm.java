package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The viewers of one broadcast or recording and who is neighbour to whom. All changes happen under
 * the swarm's lock and return the messages to send; the caller hands them to the sockets while
 * still holding the lock, so each socket receives its messages in the order they were decided.
 */
final class Swarm {

    /** A message for one peer. */
    record Outgoing(String peerId, NodeMessage message) {
    }

    /** What a bad-segment report led to. */
    enum Verdict {
        /** Not evidence: unknown peer, the broadcaster, no link, a segment the accused never announced, or a repeat vote. */
        IGNORED,
        /** Counted; the reporter and the accused are unlinked, nobody else is affected yet. */
        COUNTED,
        /** Past the threshold: the accused is cut off from everyone. */
        ISOLATED
    }

    /** Checked bytes a receiver confirmed getting from one sender since its last report. */
    record Delivery(Peer sender, Peer receiver, long bytes) {
    }

    final String id;
    final AtomicLong bytesFromPeers = new AtomicLong();
    final AtomicLong bytesFromServer = new AtomicLong();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    /** Accused peer → identities (account or address) whose reports counted against it. */
    private final Map<String, Set<String>> reports = new HashMap<>();
    private final NeighbourChoice choice;
    private final int directViewers;

    Swarm(String id, NeighbourChoice choice, int directViewers) {
        this.id = id;
        this.choice = choice;
        this.directViewers = directViewers;
    }

    synchronized int viewers() {
        return (int) peers.values().stream().filter(p -> p.role == Peer.Role.VIEWER).count();
    }

    synchronized boolean isEmpty() {
        return peers.isEmpty();
    }

    synchronized Peer peer(String peerId) {
        return peers.get(peerId);
    }

    synchronized List<Peer> snapshot() {
        return List.copyOf(peers.values());
    }

    /** Adds a viewer, picks its neighbours and its mode; returns the welcome for it and news for others. */
    synchronized List<Outgoing> join(Peer peer, List<IceServers.Server> iceServers) {
        List<Outgoing> out = new ArrayList<>();
        peers.put(peer.id, peer);
        if (peer.role == Peer.Role.BROADCASTER) {
            out.add(new Outgoing(peer.id, new NodeMessage.Welcome(peer.id, iceServers, List.of(), "broadcaster", null)));
            // Viewers who arrived before the broadcaster's page joined (or while it reconnected) take the free slots.
            int before;
            do {
                before = out.size();
                promoteToDirect(out, null);
            } while (out.size() > before);
            return out;
        }
        Peer source = broadcaster();
        if (peer.sharing && source != null && directCount() < directViewers) {
            peer.mode = Peer.Mode.DIRECT;
        }
        // Direct viewers play the broadcaster's stream, not segments: they take no part in sharing.
        List<String> chosen = new ArrayList<>(peer.shares() ? choice.choose(peer.id, choice.maxDegree(), candidates(), Set.of())
                : List.of());
        for (String neighbour : chosen) {
            link(peer.id, neighbour);
            out.add(new Outgoing(neighbour, new NodeMessage.PeerJoined(peer.id, false)));
        }
        while (peer.shares()) {
            List<String> split = choice.linkToSplit(peer.id, chosen.size(), candidates(), neighbourSets(), Set.copyOf(chosen))
                    .orElse(null);
            if (split == null) {
                break;
            }
            String a = split.get(0);
            String b = split.get(1);
            peers.get(a).neighbours.remove(b);
            peers.get(b).neighbours.remove(a);
            out.add(new Outgoing(a, new NodeMessage.PeerLeft(b)));
            out.add(new Outgoing(b, new NodeMessage.PeerLeft(a)));
            for (String neighbour : split) {
                link(peer.id, neighbour);
                chosen.add(neighbour);
                out.add(new Outgoing(neighbour, new NodeMessage.PeerJoined(peer.id, false)));
            }
        }
        // The welcome goes first on the newcomer's socket: the news above is for the others.
        out.add(0, new Outgoing(peer.id, new NodeMessage.Welcome(peer.id, iceServers, chosen,
                peer.mode.name().toLowerCase(), peer.mode == Peer.Mode.DIRECT ? source.id : null)));
        return out;
    }

    /** Removes a peer; its former neighbours are told and, where they now lack neighbours, re-linked. */
    synchronized List<Outgoing> leave(String peerId) {
        Peer gone = peers.remove(peerId);
        List<Outgoing> out = new ArrayList<>();
        if (gone == null) {
            return out;
        }
        reports.remove(peerId);
        for (String neighbour : gone.neighbours) {
            Peer p = peers.get(neighbour);
            if (p != null) {
                p.neighbours.remove(peerId);
                out.add(new Outgoing(neighbour, new NodeMessage.PeerLeft(peerId)));
            }
        }
        if (gone.role == Peer.Role.BROADCASTER) {
            for (Peer p : peers.values()) {
                if (p.mode == Peer.Mode.DIRECT) {
                    p.mode = Peer.Mode.HLS;
                    out.add(new Outgoing(p.id, new NodeMessage.ModeChange("hls", null)));
                    out.addAll(rebalance(p));
                }
            }
        } else if (gone.mode == Peer.Mode.DIRECT) {
            promoteToDirect(out, peerId);
        }
        for (String neighbour : gone.neighbours) {
            Peer p = peers.get(neighbour);
            if (p != null) {
                out.addAll(rebalance(p));
            }
        }
        return out;
    }

    /**
     * A viewer says a neighbour sent it a segment that failed the hash check. It counts only when
     * it could be true — the accused is a sharing viewer (never the broadcaster), the two are linked
     * by the node, and the accused announced that segment — and only once per account or address.
     * Each counted report unlinks the pair; past {@code threshold} distinct identities the accused
     * is cut off from everyone.
     */
    synchronized Verdict report(String reporterId, String accusedId, String segment, int threshold, List<Outgoing> out) {
        Peer reporter = peers.get(reporterId);
        Peer accused = peers.get(accusedId);
        if (reporter == null || accused == null || reporter == accused || reporter.role != Peer.Role.VIEWER
                || accused.role != Peer.Role.VIEWER || !reporter.neighbours.contains(accusedId)
                || !accused.announced.contains(segment)) {
            return Verdict.IGNORED;
        }
        out.addAll(unlink(reporterId, accusedId));
        String identity = reporter.origin.identity();
        if (identity.equals(accused.origin.identity())) {
            return Verdict.IGNORED;
        }
        Set<String> votes = reports.computeIfAbsent(accusedId, id -> new HashSet<>());
        if (!votes.add(identity)) {
            return Verdict.IGNORED;
        }
        if (votes.size() < threshold || accused.distrusted) {
            return Verdict.COUNTED;
        }
        accused.distrusted = true;
        out.addAll(isolate(accused));
        return Verdict.ISOLATED;
    }

    /** Forgets a link one side gave up (its data channel failed) for good, and finds replacements. */
    synchronized List<Outgoing> unlink(String a, String b) {
        Peer pa = peers.get(a);
        Peer pb = peers.get(b);
        List<Outgoing> out = new ArrayList<>();
        if (pa == null || pb == null || !pa.neighbours.contains(b)) {
            return out;
        }
        pa.neighbours.remove(b);
        pb.neighbours.remove(a);
        pa.avoided.add(b);
        out.add(new Outgoing(b, new NodeMessage.PeerLeft(a)));
        out.addAll(rebalance(pa));
        out.addAll(rebalance(pb));
        return out;
    }

    /** A viewer asks for direct or HLS delivery; direct is granted while the broadcaster has room. */
    synchronized List<Outgoing> changeMode(String peerId, String wanted) {
        Peer p = peers.get(peerId);
        List<Outgoing> out = new ArrayList<>();
        if (p == null || p.role != Peer.Role.VIEWER) {
            return out;
        }
        Peer source = broadcaster();
        if ("direct".equals(wanted) && p.sharing && source != null && (p.mode == Peer.Mode.DIRECT || directCount() < directViewers)) {
            p.mode = Peer.Mode.DIRECT;
            out.addAll(isolate(p));
        } else if ("hls".equals(wanted)) {
            boolean wasDirect = p.mode == Peer.Mode.DIRECT;
            p.mode = Peer.Mode.HLS;
            if (wasDirect) {
                promoteToDirect(out, peerId);
                out.addAll(rebalance(p));
            }
        }
        out.add(new Outgoing(peerId, new NodeMessage.ModeChange(p.mode.name().toLowerCase(),
                p.mode == Peer.Mode.DIRECT ? source.id : null)));
        return out;
    }

    /** Segments a peer announced: its live edge for neighbour choice, and evidence for reports. */
    synchronized void announced(String peerId, List<String> segments) {
        Peer p = peers.get(peerId);
        if (p == null) {
            return;
        }
        for (String segment : segments) {
            p.announced.add(segment);
            long seq = sequenceOf(segment);
            if (seq > p.liveEdge) {
                p.liveEdge = seq;
            }
        }
    }

    /**
     * A receiver's running totals per sender: what grew since its last report, for senders the node
     * ever linked to it (nobody else can have sent it anything). Totals never go down.
     */
    synchronized List<Delivery> received(String receiverId, Map<String, Long> totals) {
        Peer receiver = peers.get(receiverId);
        List<Delivery> deliveries = new ArrayList<>();
        if (receiver == null) {
            return deliveries;
        }
        totals.forEach((senderId, total) -> {
            Peer sender = peers.get(senderId);
            if (sender == null || !receiver.linkedEver.contains(senderId)) {
                return;
            }
            long before = receiver.receivedFrom.getOrDefault(senderId, 0L);
            if (total > before) {
                receiver.receivedFrom.put(senderId, total);
                deliveries.add(new Delivery(sender, receiver, total - before));
            }
        });
        return deliveries;
    }

    synchronized boolean mayExchangeSignals(String a, String b) {
        Peer pa = peers.get(a);
        Peer pb = peers.get(b);
        if (pa == null || pb == null) {
            return false;
        }
        return pa.neighbours.contains(b) || (pa.role == Peer.Role.BROADCASTER && pb.mode == Peer.Mode.DIRECT)
                || (pb.role == Peer.Role.BROADCASTER && pa.mode == Peer.Mode.DIRECT);
    }

    synchronized Peer broadcaster() {
        return peers.values().stream().filter(p -> p.role == Peer.Role.BROADCASTER).findFirst().orElse(null);
    }

    /** Cuts every link of a peer, telling both sides, and finds its former neighbours new ones. */
    private List<Outgoing> isolate(Peer peer) {
        List<Outgoing> out = new ArrayList<>();
        for (String neighbour : List.copyOf(peer.neighbours)) {
            Peer p = peers.get(neighbour);
            peer.neighbours.remove(neighbour);
            out.add(new Outgoing(peer.id, new NodeMessage.PeerLeft(neighbour)));
            if (p != null) {
                p.neighbours.remove(peer.id);
                out.add(new Outgoing(neighbour, new NodeMessage.PeerLeft(peer.id)));
                out.addAll(rebalance(p));
            }
        }
        return out;
    }

    private List<Outgoing> rebalance(Peer p) {
        List<Outgoing> out = new ArrayList<>();
        if (!p.shares()) {
            return out;
        }
        int missing = choice.missing(p.neighbours.size());
        for (String neighbour : choice.choose(p.id, missing, candidates(), excludedFor(p))) {
            link(p.id, neighbour);
            out.add(new Outgoing(p.id, new NodeMessage.PeerJoined(neighbour, true)));
            out.add(new Outgoing(neighbour, new NodeMessage.PeerJoined(p.id, false)));
        }
        return out;
    }

    /** A direct slot freed up: the longest-waiting HLS viewer other than {@code freedBy} moves to direct. */
    private void promoteToDirect(List<Outgoing> out, String freedBy) {
        Peer source = broadcaster();
        if (source == null || directCount() >= directViewers) {
            return;
        }
        peers.values().stream()
                .filter(p -> p.role == Peer.Role.VIEWER && p.mode == Peer.Mode.HLS && p.sharing && !p.id.equals(freedBy))
                .findFirst()
                .ifPresent(p -> {
                    p.mode = Peer.Mode.DIRECT;
                    out.add(new Outgoing(p.id, new NodeMessage.ModeChange("direct", source.id)));
                    out.addAll(isolate(p));
                });
    }

    private long directCount() {
        return peers.values().stream().filter(p -> p.mode == Peer.Mode.DIRECT).count();
    }

    private void link(String a, String b) {
        Peer pa = peers.get(a);
        Peer pb = peers.get(b);
        pa.neighbours.add(b);
        pb.neighbours.add(a);
        pa.linkedEver.add(b);
        pb.linkedEver.add(a);
    }

    /** Peers {@code p} must not be linked to: its neighbours, and any pair where one side gave up on the other. */
    private Set<String> excludedFor(Peer p) {
        Set<String> excluded = new HashSet<>(p.neighbours);
        excluded.addAll(p.avoided);
        peers.values().stream().filter(q -> q.avoided.contains(p.id)).forEach(q -> excluded.add(q.id));
        return excluded;
    }

    private Map<String, Set<String>> neighbourSets() {
        Map<String, Set<String>> sets = new HashMap<>();
        peers.values().forEach(p -> sets.put(p.id, p.neighbours));
        return sets;
    }

    private Collection<NeighbourChoice.Candidate> candidates() {
        return peers.values().stream()
                .filter(Peer::shares)
                .map(p -> new NeighbourChoice.Candidate(p.id, p.liveEdge, p.neighbours.size(), p.trusted()))
                .toList();
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
}
