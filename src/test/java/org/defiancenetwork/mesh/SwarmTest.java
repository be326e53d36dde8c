package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.defiancenetwork.web.RateLimit;
import org.junit.jupiter.api.Test;

/** Who gets direct delivery from the broadcaster, whatever order the pages join in. */
class SwarmTest {

    Swarm swarm = new Swarm("s", new NeighbourChoice(3, new Random(2)), 2);

    static Peer viewer(String id) {
        return new Peer(id, "c-" + id, Peer.Role.VIEWER, new RateLimit(10, 10, 0), 0);
    }

    static Peer broadcaster() {
        return new Peer("cam", "c-cam", Peer.Role.BROADCASTER, new RateLimit(10, 10, 0), 0);
    }

    static String welcomeMode(List<Swarm.Outgoing> out, String peerId) {
        return out.stream().filter(o -> o.peerId().equals(peerId) && o.message() instanceof Messages.Welcome)
                .map(o -> ((Messages.Welcome) o.message()).mode()).findFirst().orElseThrow();
    }

    static List<String> promoted(List<Swarm.Outgoing> out) {
        return out.stream().filter(o -> o.message() instanceof Messages.ModeChange m && "direct".equals(m.mode()))
                .map(Swarm.Outgoing::peerId).toList();
    }

    @Test
    void firstViewersAfterTheBroadcasterGetDirectTheRestHls() {
        swarm.join(broadcaster(), List.of());
        assertEquals("direct", welcomeMode(swarm.join(viewer("a"), List.of()), "a"));
        assertEquals("direct", welcomeMode(swarm.join(viewer("b"), List.of()), "b"));
        assertEquals("hls", welcomeMode(swarm.join(viewer("c"), List.of()), "c"));
    }

    @Test
    void viewersWhoCameBeforeTheBroadcasterAreMovedToDirectWhenItJoins() {
        assertEquals("hls", welcomeMode(swarm.join(viewer("a"), List.of()), "a"));
        swarm.join(viewer("b"), List.of());
        swarm.join(viewer("c"), List.of());
        List<Swarm.Outgoing> out = swarm.join(broadcaster(), List.of());
        assertEquals(List.of("a", "b"), promoted(out), "the longest waiting, up to the limit");
        assertEquals(Peer.Mode.DIRECT, swarm.peer("a").mode);
        assertEquals(Peer.Mode.HLS, swarm.peer("c").mode);
        assertEquals(List.of(), List.copyOf(swarm.peer("a").neighbours), "direct viewers leave the sharing mesh");
    }

    @Test
    void broadcasterReconnectHandsTheSlotsBack() {
        swarm.join(broadcaster(), List.of());
        swarm.join(viewer("a"), List.of());
        swarm.leave("cam");
        assertEquals(Peer.Mode.HLS, swarm.peer("a").mode);
        assertEquals(List.of("a"), promoted(swarm.join(broadcaster(), List.of())));
    }
}
