package org.defiancenetwork.mesh;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The signaling protocol from a client's side: welcome, relay, typed messages and every refusal. */
@QuarkusTest
class SwarmSocketTest {

    @TestHTTPResource("/")
    URI base;

    final List<MeshClient> clients = new ArrayList<>();

    @Inject
    MeterRegistry meters;

    @AfterEach
    void closeClients() {
        clients.forEach(MeshClient::close);
    }

    MeshClient connect(String swarm) {
        return connect(swarm, null);
    }

    MeshClient connect(String swarmAndQuery, String sessionCookie) {
        MeshClient c = MeshClient.connect(base, "/api/mesh/" + swarmAndQuery, sessionCookie);
        clients.add(c);
        return c;
    }

    /** Two linked viewers of a fresh recording's swarm: [first, second] with their peer ids. */
    record Pair(MeshClient a, String aId, MeshClient b, String bId) {
    }

    Pair pair(String swarm) throws Exception {
        MeshClient a = connect(swarm);
        String aId = a.expectWelcome();
        MeshClient b = connect(swarm);
        String bId = b.expectWelcome();
        assertEquals(bId, a.expect("peer-joined").getString("peerId"));
        return new Pair(a, aId, b, bId);
    }

    @Test
    void unknownSwarmIsAnErrorAndTheSocketCloses() throws Exception {
        MeshClient c = connect("nosuchswarm00000");
        c.expectError("unknown-swarm");
        assertEquals(1000, c.awaitClose());
    }

    @Test
    void aStartingBroadcastAlreadyHasItsSwarmAnEndedOneWithoutRecordingHasNone() throws Exception {
        MeshClient early = connect(MeshClient.broadcast(BroadcastState.STARTING, null));
        early.expectWelcome();
        MeshClient late = connect(MeshClient.broadcast(BroadcastState.FAILED, null));
        late.expectError("unknown-swarm");
    }

    @Test
    void welcomeNamesThePeerItsNeighboursAndIceServers() throws Exception {
        String swarm = MeshClient.recording();
        MeshClient first = connect(swarm);
        JsonObject welcome = first.expect("welcome");
        assertTrue(welcome.getString("peerId").matches("[A-Za-z0-9_-]{22}"), welcome.encode());
        assertEquals(0, welcome.getJsonArray("neighbours").size());
        assertTrue(welcome.containsKey("iceServers"));
        assertEquals("hls", welcome.getString("mode"));

        MeshClient second = connect(swarm);
        JsonObject secondWelcome = second.expect("welcome");
        JsonObject joined = first.expect("peer-joined");
        assertEquals(secondWelcome.getString("peerId"), joined.getString("peerId"), "the first hears of the second");
        assertFalse(joined.getBoolean("initiate"), "the newcomer sends the offer");
        assertEquals(new JsonArray().add(welcome.getString("peerId")), secondWelcome.getJsonArray("neighbours"));
    }

    @Test
    void offersAnswersAndCandidatesReachTheNamedNeighbourWithTheSender() throws Exception {
        Pair p = pair(MeshClient.recording());
        p.b().send(new JsonObject().put("type", "offer").put("to", p.aId()).put("sdp", "v=0 fake"));
        JsonObject offer = p.a().expect("offer");
        assertEquals(p.bId(), offer.getString("from"));
        assertEquals("v=0 fake", offer.getString("sdp"));
        assertNull(offer.getString("to"));

        p.a().send(new JsonObject().put("type", "answer").put("to", p.bId()).put("sdp", "v=0 answer"));
        assertEquals("v=0 answer", p.b().expect("answer").getString("sdp"));

        JsonObject candidate = new JsonObject().put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host")
                .put("sdpMid", "0").put("sdpMLineIndex", 0).put("usernameFragment", "abcd");
        p.b().send(new JsonObject().put("type", "candidate").put("to", p.aId()).put("candidate", candidate));
        JsonObject relayed = p.a().expect("candidate");
        assertEquals(p.bId(), relayed.getString("from"));
        assertEquals(candidate, relayed.getJsonObject("candidate"));
    }

    @Test
    void signalingAPeerOfAnotherSwarmIsRefusedAndNotDelivered() throws Exception {
        Pair elsewhere = pair(MeshClient.recording());
        MeshClient me = connect(MeshClient.recording());
        me.expectWelcome();
        me.send(new JsonObject().put("type", "offer").put("to", elsewhere.aId()).put("sdp", "v=0 intruder"));
        me.expectError("unknown-peer");
        // sentinel: the next thing the target receives is its own neighbour's offer, not the intruder's
        elsewhere.b().send(new JsonObject().put("type", "offer").put("to", elsewhere.aId()).put("sdp", "v=0 sentinel"));
        assertEquals("v=0 sentinel", elsewhere.a().expect("offer").getString("sdp"));
    }

    @Test
    void oversizedMessageIsRefusedAndNotDelivered() throws Exception {
        Pair p = pair(MeshClient.recording());
        p.b().send(new JsonObject().put("type", "offer").put("to", p.aId()).put("sdp", "x".repeat(20_000)));
        p.b().expectError("too-large");
        p.b().send(new JsonObject().put("type", "offer").put("to", p.aId()).put("sdp", "v=0 sentinel"));
        assertEquals("v=0 sentinel", p.a().expect("offer").getString("sdp"), "the oversized offer was not relayed");
    }

    @Test
    void aFrameBeyondTheTransportLimitClosesWith1009() throws Exception {
        MeshClient c = connect(MeshClient.recording());
        c.expectWelcome();
        c.connection().sendText("x".repeat(1_100_000)).subscribe().with(ok -> { }, fail -> { });
        assertEquals(1009, c.awaitClose(), "message too big (RFC 6455 §7.4.1), not 1011");
    }

    @Test
    void floodBeyondTheRateLimitIsRefused() throws Exception {
        MeshClient a = connect(MeshClient.recording());
        a.expectWelcome();
        for (int i = 0; i < 100; i++) {
            a.send(new JsonObject().put("type", "heartbeat"));
        }
        // heartbeats are silent: the first answer is the refusal
        a.expectError("rate-limited");
    }

    @Test
    void malformedMessagesGetAPreciseErrorEach() throws Exception {
        MeshClient a = connect(MeshClient.recording());
        a.expectWelcome();
        a.connection().sendTextAndAwait("not json");
        a.expectError("bad-message");
        a.send(new JsonObject().put("sdp", "no type"));
        a.expectError("bad-message");
        a.send(new JsonObject().put("type", "<script>"));
        assertTrue(a.expectError("unknown-type").getString("message").contains("<script>"));
        a.send(new JsonObject().put("type", "offer").put("to", "../../etc").put("sdp", "v=0"));
        assertEquals("to is a peer id.", a.expectError("bad-message").getString("message"));
        a.send(new JsonObject().put("type", "stats").put("bytesFromPeers", -5).put("bytesFromServer", 0));
        assertEquals("Byte counts are not negative.", a.expectError("bad-message").getString("message"));
        a.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 1e30).put("bytesFromServer", 0));
        a.expectError("bad-message");
        JsonArray many = new JsonArray();
        for (int i = 0; i < 65; i++) {
            many.add("source/seg" + i + ".ts");
        }
        a.send(new JsonObject().put("type", "have").put("segments", many));
        assertTrue(a.expectError("bad-message").getString("message").contains("at most 64"));
        a.send(new JsonObject().put("type", "have").put("segments", new JsonArray().add("../master.m3u8")));
        a.expectError("bad-message");
        a.send(new JsonObject().put("type", "candidate").put("to", "abc")
                .put("candidate", new JsonObject().put("candidate", "c".repeat(2000))));
        a.expectError("bad-message");
        a.send(new JsonObject().put("type", "mode").put("want", "everything"));
        a.expectError("bad-message");
        a.sync();
    }

    @Test
    void silentPeersExpireAndTheirNeighboursAreTold() throws Exception {
        Pair p = pair(MeshClient.recording());
        // the second keeps beating; the first says nothing after joining (idle timeout: 2 s in tests)
        JsonObject left = Await.until(Duration.ofSeconds(20), "peer-left after the idle timeout", () -> {
            p.b().send(new JsonObject().put("type", "heartbeat"));
            JsonObject m = p.b().inbox().poll(300, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (m != null) {
                assertEquals("peer-left", m.getString("type"), "nothing else reaches the beating peer: " + m.encode());
            }
            return m;
        });
        assertEquals(p.aId(), left.getString("peerId"));
        p.a().expectError("idle");
        p.a().awaitClose();
    }

    @Test
    void onlyTheSignedInOwnerMayJoinAsBroadcaster() throws Exception {
        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        Response created = given().header("Authorization", "Bearer " + owner.streamKey()).contentType("application/sdp")
                .body(Broadcaster.chromiumOffer()).post(owner.whipUrl());
        created.then().statusCode(201);
        String swarm = created.header("X-Defiance-Broadcast");
        try {
            // LIVE or STARTING on this node: only the owner check can refuse these
            connect(swarm + "?role=broadcaster").expectError("forbidden");
            WebSession stranger = WebSession.signUp("s" + swarm.substring(0, 10), "a long passphrase");
            connect(swarm + "?role=broadcaster", stranger.cookie("defiance-session")).expectError("forbidden");

            MeshClient broadcaster = connect(swarm + "?role=broadcaster", owner.browser().cookie("defiance-session"));
            assertEquals("broadcaster", broadcaster.expect("welcome").getString("mode"));
        } finally {
            given().header("Authorization", "Bearer " + owner.streamKey()).delete(created.header("Location")).then().statusCode(200);
        }
    }

    @Test
    void aSwarmsGaugeCountsItsViewersAndGoesWithTheSwarm() throws Exception {
        String swarm = MeshClient.recording();
        Pair p = pair(swarm);
        // heartbeats keep both in the swarm while the gauge is read (idle timeout: 2 s in tests)
        Await.until(Duration.ofSeconds(10), "gauge of two viewers", () -> {
            p.a().send(new JsonObject().put("type", "heartbeat"));
            p.b().send(new JsonObject().put("type", "heartbeat"));
            return Double.valueOf(2.0).equals(swarmGauge(swarm));
        });
        p.a().close();
        p.b().expect("peer-left");
        Await.until(Duration.ofSeconds(10), "gauge of one viewer", () -> {
            p.b().send(new JsonObject().put("type", "heartbeat"));
            return Double.valueOf(1.0).equals(swarmGauge(swarm));
        });
        p.b().close();
        Await.until(Duration.ofSeconds(10), "the empty swarm's gauge is gone", () -> swarmGauge(swarm) == null);
    }

    @Test
    void statsFeedTheCountersAndImplausibleClaimsAreClamped() throws Exception {
        MeshClient a = connect(MeshClient.recording());
        a.expectWelcome();
        double before = counter("defiance_mesh_bytes_from_peers_total");
        a.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 7000).put("bytesFromServer", 3000));
        a.sync();
        assertEquals(before + 7000, counter("defiance_mesh_bytes_from_peers_total"), 0.5);

        a.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 9_000_000_000_000_000_000L).put("bytesFromServer", 3000));
        a.sync();
        double grown = counter("defiance_mesh_bytes_from_peers_total") - before - 7000;
        // at most the plausible rate (16 MB/s) for the seconds since the last report, not 9e18
        assertTrue(grown > 0 && grown <= 16_000_000d * 5, "clamped growth: " + grown);
    }

    /** The gauge's value as the node's registry reads it now; null when there is no such gauge. */
    Double swarmGauge(String swarm) {
        Gauge gauge = meters.find("defiance.mesh.swarm.peers").tag("swarm", swarm).gauge();
        return gauge == null ? null : gauge.value();
    }

    static double counter(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E]+)$")
                .matcher(given().accept("text/plain").get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
