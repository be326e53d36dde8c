package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The viewers of one broadcast or recording and who is neighbour to whom. All changes happen under
 * the swarm's lock and return the messages to send, so sending happens outside it.
 */
final class Swarm {

    /** A message for one peer. */
    record Outgoing(String peerId, Object message) {
    }

    final String id;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final NeighbourChoice choice;
    private final int directViewers;

    Swarm(String id, NeighbourChoice choice, int directViewers) {
        this.id = id;
        this.choice = choice;
        this.directViewers = directViewers;
    }

    synchronized int size() {
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
            out.add(new Outgoing(peer.id, new Messages.Welcome(peer.id, iceServers, List.of(), "broadcaster", null)));
            // Viewers who arrived before the broadcaster's page joined (or while it reconnected) take the free slots.
            int before;
            do {
                before = out.size();
                promoteToDirect(out, null);
            } while (out.size() > before);
            return out;
        }
        Peer source = broadcaster();
        if (source != null && directCount() < directViewers) {
            peer.mode = Peer.Mode.DIRECT;
        }
        // Direct viewers play the broadcaster's stream, not segments: they take no part in sharing.
        List<String> chosen = new ArrayList<>(peer.mode == Peer.Mode.DIRECT ? List.of()
                : choice.choose(peer.id, choice.maxDegree(), candidates(), Set.of()));
        for (String neighbour : chosen) {
            link(peer.id, neighbour);
            out.add(new Outgoing(neighbour, new Messages.PeerJoined(peer.id, false)));
        }
        while (peer.mode == Peer.Mode.HLS && peer.trusted()) {
            List<String> split = choice.linkToSplit(peer.id, chosen.size(), candidates(), neighbourSets(), Set.copyOf(chosen))
                    .orElse(null);
            if (split == null) {
                break;
            }
            String a = split.get(0);
            String b = split.get(1);
            peers.get(a).neighbours.remove(b);
            peers.get(b).neighbours.remove(a);
            out.add(new Outgoing(a, new Messages.PeerLeft(b)));
            out.add(new Outgoing(b, new Messages.PeerLeft(a)));
            for (String neighbour : split) {
                link(peer.id, neighbour);
                chosen.add(neighbour);
                out.add(new Outgoing(neighbour, new Messages.PeerJoined(peer.id, false)));
            }
        }
        out.add(new Outgoing(peer.id, new Messages.Welcome(peer.id, iceServers, chosen,
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
        for (String neighbour : gone.neighbours) {
            Peer p = peers.get(neighbour);
            if (p != null) {
                p.neighbours.remove(peerId);
                out.add(new Outgoing(neighbour, new Messages.PeerLeft(peerId)));
            }
        }
        if (gone.role == Peer.Role.BROADCASTER) {
            for (Peer p : peers.values()) {
                if (p.mode == Peer.Mode.DIRECT) {
                    p.mode = Peer.Mode.HLS;
                    out.add(new Outgoing(p.id, new Messages.ModeChange("hls", null)));
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

    /** Drops a peer from everyone's neighbours and from future choices, after reports of bad segments. */
    synchronized List<Outgoing> distrust(String peerId) {
        Peer bad = peers.get(peerId);
        List<Outgoing> out = new ArrayList<>();
        if (bad == null) {
            return out;
        }
        out.addAll(isolate(bad));
        return out;
    }

    /** Forgets a link one side gave up (its data channel failed), and finds replacements. */
    synchronized List<Outgoing> unlink(String a, String b) {
        Peer pa = peers.get(a);
        Peer pb = peers.get(b);
        List<Outgoing> out = new ArrayList<>();
        if (pa != null) {
            pa.neighbours.remove(b);
        }
        if (pb != null) {
            pb.neighbours.remove(a);
            out.add(new Outgoing(b, new Messages.PeerLeft(a)));
        }
        if (pa != null) {
            out.addAll(rebalance(pa));
        }
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
        if ("direct".equals(wanted) && source != null && (p.mode == Peer.Mode.DIRECT || directCount() < directViewers)) {
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
        out.add(new Outgoing(peerId, new Messages.ModeChange(p.mode.name().toLowerCase(),
                p.mode == Peer.Mode.DIRECT ? source.id : null)));
        return out;
    }

    /** Cuts every link of a peer, telling both sides, and finds its former neighbours new ones. */
    private List<Outgoing> isolate(Peer peer) {
        List<Outgoing> out = new ArrayList<>();
        for (String neighbour : List.copyOf(peer.neighbours)) {
            Peer p = peers.get(neighbour);
            peer.neighbours.remove(neighbour);
            out.add(new Outgoing(peer.id, new Messages.PeerLeft(neighbour)));
            if (p != null) {
                p.neighbours.remove(peer.id);
                out.add(new Outgoing(neighbour, new Messages.PeerLeft(peer.id)));
                out.addAll(rebalance(p));
            }
        }
        return out;
    }

    synchronized boolean areNeighbours(String a, String b) {
        Peer p = peers.get(a);
        return p != null && p.neighbours.contains(b);
    }

    synchronized Peer broadcaster() {
        return peers.values().stream().filter(p -> p.role == Peer.Role.BROADCASTER).findFirst().orElse(null);
    }

    private List<Outgoing> rebalance(Peer p) {
        List<Outgoing> out = new ArrayList<>();
        if (p.role != Peer.Role.VIEWER || p.mode != Peer.Mode.HLS || !p.trusted()) {
            return out;
        }
        int missing = choice.missing(p.neighbours.size());
        for (String neighbour : choice.choose(p.id, missing, candidates(), p.neighbours)) {
            link(p.id, neighbour);
            out.add(new Outgoing(p.id, new Messages.PeerJoined(neighbour, true)));
            out.add(new Outgoing(neighbour, new Messages.PeerJoined(p.id, false)));
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
                .filter(p -> p.role == Peer.Role.VIEWER && p.mode == Peer.Mode.HLS && !p.id.equals(freedBy)).findFirst()
                .ifPresent(p -> {
                    p.mode = Peer.Mode.DIRECT;
                    out.add(new Outgoing(p.id, new Messages.ModeChange("direct", source.id)));
                    out.addAll(isolate(p));
                });
    }

    private long directCount() {
        return peers.values().stream().filter(p -> p.mode == Peer.Mode.DIRECT).count();
    }

    private void link(String a, String b) {
        peers.get(a).neighbours.add(b);
        peers.get(b).neighbours.add(a);
    }

    private Map<String, Set<String>> neighbourSets() {
        Map<String, Set<String>> sets = new HashMap<>();
        peers.values().forEach(p -> sets.put(p.id, p.neighbours));
        return sets;
    }

    private Collection<NeighbourChoice.Candidate> candidates() {
        return peers.values().stream()
                .filter(p -> p.role == Peer.Role.VIEWER && p.mode == Peer.Mode.HLS)
                .map(p -> new NeighbourChoice.Candidate(p.id, p.liveEdge, p.neighbours.size(), p.trusted()))
                .toList();
    }
}
