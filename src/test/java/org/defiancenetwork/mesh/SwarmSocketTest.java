package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.Await;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.json.JsonObject;

/** The signaling protocol from a client's side: welcome, relay, and every refusal. */
@QuarkusTest
class SwarmSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    BasicWebSocketConnector connector;

    /** A socket with its inbox. */
    record Client(WebSocketClientConnection connection, LinkedBlockingQueue<JsonObject> inbox) {
        JsonObject next() throws InterruptedException {
            JsonObject m = inbox.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 10 s");
            }
            return m;
        }

        JsonObject nextOfType(String type) throws InterruptedException {
            while (true) {
                JsonObject m = next();
                if (type.equals(m.getString("type"))) {
                    return m;
                }
            }
        }

        void send(JsonObject message) {
            connection.sendTextAndAwait(message.encode());
        }
    }

    Client connect(String swarm) {
        LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        WebSocketClientConnection c = BasicWebSocketConnector.create().baseUri(base).path("/api/mesh/" + swarm)
                .onTextMessage((conn, text) -> inbox.add(new JsonObject(text)))
                .connectAndAwait();
        return new Client(c, inbox);
    }

    /** A recording in the database makes a swarm viewers may join. */
    static String recordedBroadcast() {
        return broadcast(BroadcastState.ENDED, "recording.m3u8");
    }

    static String broadcast(BroadcastState state, String recording) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = new Channel();
            channel.slug = "mesh" + id.substring(0, 8);
            channel.title = "Mesh";
            channel.createdAt = Instant.now();
            channel.persist();
            Broadcast b = new Broadcast();
            b.id = id;
            b.channelId = channel.id;
            b.title = "Recorded";
            b.state = state;
            b.createdAt = Instant.now();
            b.recording = recording;
            b.persist();
        });
        return id;
    }

    @Test
    void unknownSwarmIsAnErrorAndTheSocketCloses() throws Exception {
        Client c = connect("nosuchswarm00000");
        JsonObject error = c.next();
        assertEquals("error", error.getString("type"));
        assertEquals("unknown-swarm", error.getString("code"));
        Await.until(Duration.ofSeconds(5), "closed", () -> c.connection().isClosed());
    }

    @Test
    void aStartingBroadcastAlreadyHasItsSwarmAnEndedOneWithoutRecordingHasNone() throws Exception {
        Client early = connect(broadcast(BroadcastState.STARTING, null));
        assertEquals("welcome", early.next().getString("type"), "the broadcaster's page joins before the first frame");
        Client late = connect(broadcast(BroadcastState.FAILED, null));
        assertEquals("unknown-swarm", late.next().getString("code"));
    }

    @Test
    void welcomeNamesThePeerItsNeighboursAndIceServers() throws Exception {
        String swarm = recordedBroadcast();
        Client first = connect(swarm);
        JsonObject welcome = first.next();
        assertEquals("welcome", welcome.getString("type"));
        assertTrue(welcome.getString("peerId").matches("[A-Za-z0-9_-]{22}"), welcome.encode());
        assertEquals(0, welcome.getJsonArray("neighbours").size());
        assertTrue(welcome.containsKey("iceServers"));
        assertEquals("hls", welcome.getString("mode"));

        Client second = connect(swarm);
        JsonObject secondWelcome = second.next();
        assertEquals(first.next().getString("type"), "peer-joined", "the first hears of the second");
        assertEquals(welcome.getString("peerId"), secondWelcome.getJsonArray("neighbours").getString(0));
    }

    @Test
    void offersReachTheNamedNeighbourWithTheSender() throws Exception {
        String swarm = recordedBroadcast();
        Client a = connect(swarm);
        String aId = a.next().getString("peerId");
        Client b = connect(swarm);
        String bId = b.next().getString("peerId");
        a.nextOfType("peer-joined");
        b.send(new JsonObject().put("type", "offer").put("to", aId).put("sdp", "v=0 fake"));
        JsonObject offer = a.nextOfType("offer");
        assertEquals(bId, offer.getString("from"));
        assertEquals("v=0 fake", offer.getString("sdp"));
        assertNull(offer.getString("to"));
    }

    @Test
    void signalingAPeerOfAnotherSwarmIsRefusedAndNotDelivered() throws Exception {
        Client elsewhere = connect(recordedBroadcast());
        String elsewhereId = elsewhere.next().getString("peerId");
        Client me = connect(recordedBroadcast());
        me.next();
        me.send(new JsonObject().put("type", "offer").put("to", elsewhereId).put("sdp", "v=0"));
        JsonObject error = me.nextOfType("error");
        assertEquals("unknown-peer", error.getString("code"));
        me.send(new JsonObject().put("type", "heartbeat"));
        assertNull(elsewhere.inbox().poll(1, TimeUnit.SECONDS), "nothing reached the other swarm");
    }

    @Test
    void oversizedMessageIsRefusedAndNotDelivered() throws Exception {
        String swarm = recordedBroadcast();
        Client a = connect(swarm);
        String aId = a.next().getString("peerId");
        Client b = connect(swarm);
        b.next();
        a.nextOfType("peer-joined");
        b.send(new JsonObject().put("type", "offer").put("to", aId).put("sdp", "x".repeat(20_000)));
        assertEquals("too-large", b.nextOfType("error").getString("code"));
        assertNull(a.inbox().poll(1, TimeUnit.SECONDS), "the oversized offer was not relayed");
    }

    @Test
    void floodBeyondTheRateLimitIsRefused() throws Exception {
        Client a = connect(recordedBroadcast());
        a.next();
        for (int i = 0; i < 100; i++) {
            a.send(new JsonObject().put("type", "heartbeat"));
        }
        assertEquals("rate-limited", a.nextOfType("error").getString("code"));
    }

    @Test
    void garbageAndUnknownTypesGetAnError() throws Exception {
        Client a = connect(recordedBroadcast());
        a.next();
        a.connection().sendTextAndAwait("not json");
        assertEquals("bad-message", a.nextOfType("error").getString("code"));
        a.send(new JsonObject().put("type", "<script>"));
        assertEquals("unknown-type", a.nextOfType("error").getString("code"));
    }

    @Test
    void silentPeersExpireAndTheirNeighboursAreTold() throws Exception {
        String swarm = recordedBroadcast();
        Client quiet = connect(swarm);
        String quietId = quiet.next().getString("peerId");
        Client chatty = connect(swarm);
        chatty.next();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonObject left = null;
        while (left == null && System.nanoTime() < end) {
            chatty.send(new JsonObject().put("type", "heartbeat"));
            JsonObject m = chatty.inbox().poll(500, TimeUnit.MILLISECONDS);
            if (m != null && "peer-left".equals(m.getString("type"))) {
                left = m;
            }
        }
        assertTrue(left != null, "peer-left after the idle timeout");
        assertEquals(quietId, left.getString("peerId"));
        assertEquals("idle", quiet.nextOfType("error").getString("code"));
    }

    @Test
    void onlyTheSignedInOwnerMayJoinAsBroadcaster() throws Exception {
        Client c = connect(recordedBroadcast() + "?role=broadcaster");
        assertEquals("forbidden", c.nextOfType("error").getString("code"));
    }

    @Test
    void statsFeedThePrometheusCounters() throws Exception {
        Client a = connect(recordedBroadcast());
        a.next();
        a.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 7000).put("bytesFromServer", 3000));
        Await.until(Duration.ofSeconds(5), "7000 bytes from peers counted", () -> {
            var m = java.util.regex.Pattern.compile("(?m)^defiance_mesh_bytes_from_peers_total(?:\\{[^}]*\\})? ([0-9.E]+)$")
                    .matcher(io.restassured.RestAssured.given().accept("text/plain").get("/q/metrics").asString());
            return m.find() && Double.parseDouble(m.group(1)) >= 7000;
        });
        String metrics = io.restassured.RestAssured.given().accept("text/plain").get("/q/metrics").asString();
        assertTrue(metrics.contains("defiance_mesh_swarm_peers{"), metrics.lines().filter(l -> l.contains("mesh")).toList().toString());
        assertTrue(metrics.contains("defiance_media_bytes_served_total"));
    }
}
