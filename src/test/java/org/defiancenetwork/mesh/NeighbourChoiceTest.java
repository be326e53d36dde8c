package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.defiancenetwork.platform.RateLimit;
import org.junit.jupiter.api.Test;

class NeighbourChoiceTest {

    NeighbourChoice choice = new NeighbourChoice(3, new Random(7));

    static NeighbourChoice.Candidate c(String id, long edge, int degree) {
        return new NeighbourChoice.Candidate(id, edge, degree, true);
    }

    @Test
    void prefersPeersNearTheLiveEdgeThenTheLeastConnected() {
        List<String> chosen = choice.choose("me", 3, List.of(c("old", 10, 0), c("edge-busy", 42, 2), c("edge-idle", 42, 0),
                c("near", 41, 1), c("far", 5, 0)), Set.of());
        assertEquals(List.of("edge-idle", "edge-busy", "near"), chosen);
    }

    @Test
    void neverChoosesItselfFullUntrustedOrExistingNeighbours() {
        List<String> chosen = choice.choose("me", 3, List.of(c("me", 99, 0), c("full", 50, 3),
                new NeighbourChoice.Candidate("liar", 60, 0, false), c("known", 40, 1), c("ok", 1, 0)), Set.of("known"));
        assertEquals(List.of("ok"), chosen);
    }

    @Test
    void degreeBoundHoldsAcrossAWholeSwarm() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(3, new Random(1)), 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Peer p = peer("p" + i, Peer.Role.VIEWER);
            swarm.join(p, List.of());
            ids.add(p.id);
        }
        for (Peer p : swarm.snapshot()) {
            assertTrue(p.neighbours.size() <= 3, p.id + " has " + p.neighbours.size());
            assertFalse(p.neighbours.contains(p.id));
            for (String n : p.neighbours) {
                assertTrue(swarm.peer(n).neighbours.contains(p.id), "links are symmetric");
            }
        }
    }

    @Test
    void loadIsSpreadSoNobodyServesEveryone() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(4, new Random(3)), 0);
        for (int i = 0; i < 30; i++) {
            swarm.join(peer("p" + i, Peer.Role.VIEWER), List.of());
        }
        Map<Integer, Integer> degrees = new HashMap<>();
        swarm.snapshot().forEach(p -> degrees.merge(p.neighbours.size(), 1, Integer::sum));
        // almost everyone ends up with neighbours, and none above the bound
        int isolated = degrees.getOrDefault(0, 0);
        assertTrue(isolated <= 1, "isolated peers: " + degrees);
        assertTrue(degrees.keySet().stream().allMatch(d -> d <= 4), degrees.toString());
    }

    @Test
    void churnReLinksThoseLeftBehind() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(2, new Random(5)), 0);
        for (int i = 0; i < 6; i++) {
            swarm.join(peer("p" + i, Peer.Role.VIEWER), List.of());
        }
        String hub = swarm.snapshot().stream().max((a, b) -> a.neighbours.size() - b.neighbours.size()).orElseThrow().id;
        Set<String> orphans = Set.copyOf(swarm.peer(hub).neighbours);
        List<Swarm.Outgoing> news = swarm.leave(hub);
        assertTrue(news.stream().anyMatch(o -> o.message() instanceof NodeMessage.PeerLeft), "neighbours told");
        for (String orphan : orphans) {
            assertFalse(swarm.peer(orphan).neighbours.contains(hub));
            assertFalse(swarm.peer(orphan).neighbours.isEmpty(), orphan + " got a new neighbour");
        }
    }

    @Test
    void distrustedPeerLosesItsNeighboursAndIsNeverChosenAgain() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(3, new Random(5)), 0);
        for (int i = 0; i < 5; i++) {
            swarm.join(peer("p" + i, Peer.Role.VIEWER), List.of());
        }
        String reporter = swarm.peer("p0").neighbours.iterator().next();
        swarm.announced("p0", List.of("source/seg00001.ts"));
        List<Swarm.Outgoing> out = new ArrayList<>();
        assertEquals(Swarm.Verdict.ISOLATED, swarm.report(reporter, "p0", "source/seg00001.ts", 1, out));
        assertTrue(swarm.peer("p0").neighbours.isEmpty());
        swarm.join(peer("late", Peer.Role.VIEWER), List.of());
        assertFalse(swarm.peer("late").neighbours.contains("p0"));
    }

    @Test
    void firstViewersGetDirectModeWhileTheBroadcasterHasRoom() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(3, new Random(5)), 2);
        swarm.join(peer("caster", Peer.Role.BROADCASTER), List.of());
        for (int i = 0; i < 4; i++) {
            swarm.join(peer("v" + i, Peer.Role.VIEWER), List.of());
        }
        assertEquals(Peer.Mode.DIRECT, swarm.peer("v0").mode);
        assertEquals(Peer.Mode.DIRECT, swarm.peer("v1").mode);
        assertEquals(Peer.Mode.HLS, swarm.peer("v2").mode);
        assertTrue(swarm.peer("v0").neighbours.isEmpty(), "direct viewers take no part in sharing");
        assertEquals(Set.of("v3"), swarm.peer("v2").neighbours);
        swarm.changeMode("v0", "hls");
        assertEquals(Peer.Mode.DIRECT, swarm.peer("v2").mode, "a freed slot goes to the next viewer");
        assertTrue(swarm.peer("v2").neighbours.isEmpty());
        assertEquals(Set.of("v3"), swarm.peer("v0").neighbours, "back on HLS, it shares again");
    }

    @Test
    void viewersWhoCameBeforeTheBroadcasterAreMovedToDirectWhenItJoins() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(3, new Random(2)), 2);
        for (String id : List.of("a", "b", "c")) {
            swarm.join(viewer(id), List.of());
        }
        List<Swarm.Outgoing> out = swarm.join(peer("cam", Peer.Role.BROADCASTER), List.of());
        List<String> promoted = out.stream().filter(o -> o.message() instanceof NodeMessage.ModeChange m && "direct".equals(m.mode()))
                .map(Swarm.Outgoing::peerId).toList();
        assertEquals(List.of("a", "b"), promoted, "the longest waiting, up to the limit");
        assertTrue(swarm.peer("a").neighbours.isEmpty(), "direct viewers leave the sharing mesh");
        assertEquals(Peer.Mode.HLS, swarm.peer("c").mode);

        swarm.leave("cam");
        assertEquals(Peer.Mode.HLS, swarm.peer("a").mode, "without its broadcaster nobody is direct");
        assertEquals(2, swarm.join(peer("cam", Peer.Role.BROADCASTER), List.of())
                .stream().filter(o -> o.message() instanceof NodeMessage.ModeChange).count(), "a reconnect hands the slots back");
    }

    @Test
    void lateComersSplitALinkInsteadOfFormingAnIsland() {
        for (int seed = 0; seed < 20; seed++) {
            NeighbourChoice bounded = new NeighbourChoice(5, new Random(seed));
            Swarm swarm = new Swarm("s", bounded, 0);
            for (int n = 1; n <= 40; n++) {
                swarm.join(viewer("p" + n), List.of());
                int least = swarm.snapshot().stream().mapToInt(p -> p.neighbours.size()).min().orElseThrow();
                assertTrue(least >= Math.min(bounded.minimumDegree(), n - 1), "seed " + seed + ", " + n + " viewers: min degree " + least);
                assertEquals(n, reachableFrom(swarm, "p1"), "seed " + seed + ": one swarm, not islands, at " + n + " viewers");
                assertTrue(swarm.snapshot().stream().allMatch(p -> p.neighbours.size() <= 5));
            }
        }
    }

    @Test
    void splittingTellsBothEndsAndTheNewcomerConnectsToThem() {
        Swarm swarm = new Swarm("s", new NeighbourChoice(2, new Random(1)), 0);
        for (String id : List.of("a", "b", "c")) {
            swarm.join(viewer(id), List.of());
        }
        // a, b and c form a triangle: all full at degree 2
        List<Swarm.Outgoing> out = swarm.join(viewer("d"), List.of());
        NodeMessage.Welcome welcome = (NodeMessage.Welcome) out.stream().filter(o -> o.peerId().equals("d")).findFirst().orElseThrow().message();
        assertEquals(2, welcome.neighbours().size());
        String x = welcome.neighbours().get(0);
        String y = welcome.neighbours().get(1);
        assertFalse(swarm.peer(x).neighbours.contains(y), "the split link is gone");
        assertTrue(out.stream().anyMatch(o -> o.peerId().equals(x) && o.message() instanceof NodeMessage.PeerLeft l && l.peerId().equals(y)));
        assertTrue(out.stream().anyMatch(o -> o.peerId().equals(y) && o.message() instanceof NodeMessage.PeerJoined j && j.peerId().equals("d")));
    }

    static Peer viewer(String id) {
        return peer(id, Peer.Role.VIEWER);
    }

    static Peer peer(String id, Peer.Role role) {
        return new Peer(id, new Peer.Origin("node/c-" + id, "192.0.2." + Math.floorMod(id.hashCode(), 250), null), role, true, new RateLimit(10, 10, 0), 0);
    }

    static int reachableFrom(Swarm swarm, String start) {
        Set<String> seen = new java.util.HashSet<>(Set.of(start));
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (String n : swarm.peer(todo.pop()).neighbours) {
                if (seen.add(n)) {
                    todo.push(n);
                }
            }
        }
        return seen.size();
    }
}
