package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.defiancenetwork.platform.RateLimit;
import org.junit.jupiter.api.Test;

/** Which bad-segment reports count, and when a reported peer is cut off. */
class SwarmReportTest {

    static final String SEGMENT = "source/seg00007.ts";

    final Swarm swarm = new Swarm("s", new NeighbourChoice(5, new Random(1)), 1);

    Peer join(String id, String address, String account, Peer.Role role) {
        Peer p = new Peer(id, new Peer.Origin("node/" + id, address, account), role, true, new RateLimit(10, 10, 0), 0);
        swarm.join(p, List.of());
        return p;
    }

    Swarm.Verdict report(String reporter, String accused, String segment) {
        return swarm.report(reporter, accused, segment, 2, new ArrayList<>());
    }

    @Test
    void twoSocketsOfOneAnonymousAddressCountOnce() {
        join("bad", "198.51.100.1", null, Peer.Role.VIEWER);
        join("x1", "203.0.113.9", null, Peer.Role.VIEWER);
        join("x2", "203.0.113.9", null, Peer.Role.VIEWER);
        swarm.announced("bad", List.of(SEGMENT));
        assertEquals(Swarm.Verdict.COUNTED, report("x1", "bad", SEGMENT));
        assertEquals(Swarm.Verdict.IGNORED, report("x2", "bad", SEGMENT), "same address, same vote");
        assertTrue(swarm.peer("bad").trusted());
        assertFalse(swarm.peer("bad").neighbours.contains("x1"), "the reporter no longer exchanges with it");
    }

    @Test
    void twoAccountsPastTheThresholdIsolateThePeer() {
        join("bad", "198.51.100.1", null, Peer.Role.VIEWER);
        join("alice", "203.0.113.9", "alice", Peer.Role.VIEWER);
        join("bob", "203.0.113.9", "bob", Peer.Role.VIEWER);
        join("carol", "203.0.113.10", null, Peer.Role.VIEWER);
        swarm.announced("bad", List.of(SEGMENT));
        assertEquals(Swarm.Verdict.COUNTED, report("alice", "bad", SEGMENT));
        assertTrue(swarm.peer("bad").neighbours.contains("carol"), "one report isolates nobody");
        assertEquals(Swarm.Verdict.ISOLATED, report("bob", "bad", SEGMENT));
        assertTrue(swarm.peer("bad").neighbours.isEmpty());
        join("late", "203.0.113.11", null, Peer.Role.VIEWER);
        assertFalse(swarm.peer("late").neighbours.contains("bad"), "never chosen again");
    }

    @Test
    void reportsThatCannotBeTrueAreIgnored() {
        join("cam", "198.51.100.2", "owner", Peer.Role.BROADCASTER);
        join("direct", "198.51.100.3", null, Peer.Role.VIEWER); // the one direct slot
        join("bad", "198.51.100.1", null, Peer.Role.VIEWER);
        join("x", "203.0.113.9", "x", Peer.Role.VIEWER);
        join("far", "203.0.113.12", "far", Peer.Role.VIEWER);
        swarm.announced("bad", List.of(SEGMENT));
        assertEquals(Swarm.Verdict.IGNORED, report("x", "cam", SEGMENT), "never against the broadcaster");
        assertEquals(Swarm.Verdict.IGNORED, report("x", "direct", SEGMENT), "a direct viewer serves nobody");
        assertEquals(Swarm.Verdict.IGNORED, report("x", "bad", "source/seg00008.ts"), "a segment it never announced");
        swarm.unlink("far", "bad");
        assertEquals(Swarm.Verdict.IGNORED, report("far", "bad", SEGMENT), "not a neighbour");
        assertEquals(Swarm.Verdict.IGNORED, report("x", "x", SEGMENT));
    }

    @Test
    void aPeerGivenUpOnIsNotLinkedBackToItsReporter() {
        join("bad", "198.51.100.1", null, Peer.Role.VIEWER);
        join("x", "203.0.113.9", null, Peer.Role.VIEWER);
        swarm.announced("bad", List.of(SEGMENT));
        report("x", "bad", SEGMENT);
        // churn makes both look for neighbours again
        join("y", "203.0.113.20", null, Peer.Role.VIEWER);
        swarm.leave("y");
        assertFalse(swarm.peer("x").neighbours.contains("bad"));
        assertFalse(swarm.peer("bad").neighbours.contains("x"));
    }
}
