package org.defiancenetwork.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Three nodes on loopback, each a process with its own data dir and port, private addresses
 * allowed: B knows A from a registry file, C knows only B (from another). A goes live from a Java
 * WHIP client; B hears of it from A and C by way of B, both by push; it disappears when A ends.
 * A stranger that B follows pushes tampered announcements: refused, counted, and it is blocked.
 * A killed: B marks it unreachable, its reliability falls, its announcements expire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static NodeProcess a;
    static NodeProcess b;
    static NodeProcess c;
    static StrangerNode stranger;
    static WebSession adminOnB;
    static Broadcaster owner;
    static HeadlessAudioDeviceModule audio;
    static PeerConnectionFactory webrtc;
    static JavaWhipClient camera;
    static String whipSession;
    static String broadcastId;
    static String idA;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        stranger = new StrangerNode();
        // Ports are known only once the nodes run, so the registry files are written after the
        // nodes start, and read at their next refresh.
        Path registryOfB = Files.createTempFile(Path.of("target").toAbsolutePath(), "registry-b-", ".json");
        Path registryOfC = Files.createTempFile(Path.of("target").toAbsolutePath(), "registry-c-", ".json");
        Files.delete(registryOfB);
        Files.delete(registryOfC);
        a = NodeProcess.start("federation-a", settings("a", null));
        b = NodeProcess.start("federation-b", settings("b", registryOfB));
        c = NodeProcess.start("federation-c", settings("c", registryOfC));
        idA = given().get(a.baseUrl() + NodeDescriptor.PATH).then().statusCode(200).extract().path("id");
        String idB = given().get(b.baseUrl() + NodeDescriptor.PATH).then().extract().path("id");
        // A multiaddr for A, a URL for the stranger and B: both forms of the original's registry.
        registry(registryOfB, List.of(entry(idA, "/ip4/127.0.0.1/tcp/" + a.port() + "/http"),
                entry(stranger.key.nodeId(), stranger.baseUrl())));
        registry(registryOfC, List.of(entry(idB, b.baseUrl())));

        RestAssured.baseURI = "http://127.0.0.1";
        // The first account of a node is its admin: B's operator, A's broadcaster.
        RestAssured.port = b.port();
        adminOnB = WebSession.signUp("nodebkeeper", "a long passphrase");
        RestAssured.port = a.port();
        Broadcaster.teachRestAssuredSdp();
        owner = Broadcaster.create();
        audio = new HeadlessAudioDeviceModule();
        webrtc = new PeerConnectionFactory(audio);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        RestAssured.reset();
        if (camera != null) {
            camera.close();
        }
        for (NodeProcess n : new NodeProcess[] { a, b, c }) {
            if (n != null) {
                n.close();
            }
        }
        if (webrtc != null) {
            webrtc.dispose();
            audio.dispose();
        }
        if (stranger != null) {
            stranger.close();
        }
    }

    static Map<String, String> settings(String name, Path registry) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "federation-" + name + "-");
        Map<String, String> s = new HashMap<>(Map.of(
                "defiance.data-dir", dataDir.toString(),
                "defiance.node-name", "Node " + name.toUpperCase(),
                "defiance.public-base-url", "http://127.0.0.1:${port}",
                "defiance.discovery.allow-private-addresses", "true",
                "defiance.discovery.probe-interval", "PT1S",
                "defiance.discovery.max-backoff", "PT2S",
                "defiance.discovery.announcement-lifetime", "PT15S",
                // Pulls only on (re)connection: what arrives within seconds came by push.
                "defiance.discovery.pull-interval", "PT10M",
                "defiance.discovery.registry-refresh", "PT2S"));
        // A loaded machine has taken longer than the pool's default 5 s to open a fresh H2 file.
        s.put("quarkus.datasource.jdbc.acquisition-timeout", "60S");
        if (registry != null) {
            s.put("defiance.discovery.registries", registry.toString());
        }
        return s;
    }

    static Map<String, Object> entry(String peerId, String multiaddr) {
        return Map.of("peer_id", peerId, "multiaddr", multiaddr, "region", "loopback", "capabilities", List.of("live"),
                "last_seen", "2025-03-14T09:20:00Z", "reliability_score", 0.5);
    }

    static void registry(Path file, List<Map<String, Object>> nodes) throws Exception {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        JSON.writeValue(partial.toFile(), Map.of("version", "1.0", "last_updated", "2025-03-14T09:26:53Z",
                "bootstrap_nodes", nodes, "regions", Map.of("loopback", Map.of("name", "Loopback"))));
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    @Order(1)
    void nodesFindEachOtherFromRegistriesAndFollow() throws Exception {
        String idB = given().get(b.baseUrl() + NodeDescriptor.PATH).then().extract().path("id");
        String idC = given().get(c.baseUrl() + NodeDescriptor.PATH).then().extract().path("id");
        Await.until(Duration.ofSeconds(180), "A knows its follower B and B its follower C",
                () -> registryIds(a).contains(idB) && registryIds(b).contains(idC));
        JsonPath peersOfB = peersOfB();
        assertEquals(Boolean.TRUE, peersOfB.get("find { it.node_id == '" + idA + "' }.following"));
        assertEquals(Boolean.TRUE, peersOfB.get("find { it.node_id == '" + idA + "' }.reachable"));
        assertEquals(Boolean.TRUE, peersOfB.get("find { it.node_id == '" + idC + "' }.follower"));
        assertTrue(stranger.followRequests.get() > 0, "B asked the stranger from its registry to push to it");
        // B's own registry view carries A with a score from B's probes (mostly answered), not the registry's 0.5.
        JsonNode viewOfB = JSON.readTree(given().get(b.baseUrl() + PeerRegistry.PATH).asString());
        JsonNode aInB = find(viewOfB.get("bootstrap_nodes"), "peer_id", idA);
        assertTrue(aInB.get("reliability_score").asDouble() > 0.5, aInB.toString());
        assertEquals(a.baseUrl(), aInB.get("multiaddr").asText());
    }

    @Test
    @Order(2)
    void aBroadcastOnAIsListedOnBAndOnCByWayOfB() throws Exception {
        goLive("Federated hello");
        String idB = given().get(b.baseUrl() + NodeDescriptor.PATH).then().extract().path("id");
        Map<String, Object> onB = Await.until(Duration.ofSeconds(90), "B lists A's broadcast", () -> listed(b, broadcastId));
        assertEquals(idA, onB.get("origin_id"));
        assertEquals("Node A", onB.get("origin_name"));
        assertEquals("Federated hello", onB.get("title"));
        assertEquals(a.baseUrl() + "/watch/" + broadcastId, onB.get("watch_url"));
        assertEquals(a.baseUrl() + "/media/" + broadcastId + "/master.m3u8", onB.get("hls_url"));
        assertEquals(1, onB.get("hops"));
        assertEquals("push", onB.get("received_by"));
        Map<String, Object> onC = Await.until(Duration.ofSeconds(90), "C lists A's broadcast", () -> listed(c, broadcastId));
        assertEquals(idA, onC.get("origin_id"));
        assertEquals(idB, onC.get("via"), "C heard of it by way of B");
        assertEquals(2, onC.get("hops"));
        assertEquals("push", onC.get("received_by"));
        given().accept("text/html").get(c.baseUrl() + "/").then().statusCode(200)
                .body(containsString("Live on the network")).body(containsString("Federated hello"))
                .body(containsString(a.baseUrl() + "/watch/" + broadcastId));
    }

    @Test
    @Order(3)
    void tamperedAnnouncementsAreDroppedCountedAndTheirSenderBlocked() throws Exception {
        JsonNode pulled = JSON.readTree(given().get(a.baseUrl() + NetworkResource.ANNOUNCEMENTS).asString());
        ObjectNode genuine = null;
        for (JsonNode item : pulled.get("announcements")) {
            if (broadcastId.equals(item.path("announcement").path("broadcast_id").asText())) {
                genuine = (ObjectNode) item.get("announcement");
            }
        }
        assertTrue(genuine != null, "A hands out its announcement: " + pulled);

        ObjectNode retitled = genuine.deepCopy().put("title", "Changed on the way");
        push(b, Documents.delivery(stranger.key, 2, retitled)).then().statusCode(422)
                .body("detail", containsString("the signature does not match the document and the key of " + idA));
        ObjectNode signedByStranger = Documents.announcement(stranger.key, a.baseUrl(), broadcastId, "Impostor");
        signedByStranger.put("origin_id", idA);
        push(b, Documents.delivery(stranger.key, 2, signedByStranger)).then().statusCode(422)
                .body("detail", containsString("is not the id of the key in origin_key"));
        ObjectNode othersKey = genuine.deepCopy().put("origin_key", stranger.key.publicKey());
        push(b, Documents.delivery(stranger.key, 2, othersKey)).then().statusCode(422);

        assertEquals("Federated hello", listed(b, broadcastId).get("title"), "the genuine one stays");
        String metrics = given().get(b.baseUrl() + "/q/metrics").asString();
        assertTrue(counter(metrics, "bad-signature") >= 1, metrics);
        assertTrue(counter(metrics, "wrong-key") >= 2, metrics);
        push(b, Documents.delivery(stranger.key, 2, genuine)).then().statusCode(403)
                .body("detail", equalTo("this node has blocked " + stranger.key.nodeId()));
        JsonPath peers = peersOfB();
        assertEquals(Boolean.TRUE, peers.get("find { it.node_id == '" + stranger.key.nodeId() + "' }.blocked"));
        assertEquals(3, (Integer) peers.get("find { it.node_id == '" + stranger.key.nodeId() + "' }.bad_signatures"));
    }

    @Test
    @Order(5)
    void whenABroadcastEndsItDisappearsFromBAndC() throws Exception {
        given().header("Authorization", "Bearer " + owner.streamKey()).delete(whipSession).then().statusCode(200);
        camera.close();
        camera = null;
        Await.until(Duration.ofSeconds(90), "B and C no longer list it",
                () -> listed(b, broadcastId) == null && listed(c, broadcastId) == null);
    }

    @Test
    @Order(6)
    void aKilledNodeIsMarkedUnreachableLosesReliabilityAndItsAnnouncementsExpire() throws Exception {
        goLive("Last words");
        Await.until(Duration.ofSeconds(90), "B and C list the second broadcast",
                () -> listed(b, broadcastId) != null && listed(c, broadcastId) != null);
        double before = peersOfB().getDouble("find { it.node_id == '" + idA + "' }.reliability");
        a.kill();
        camera.close();
        camera = null;
        Await.until(Duration.ofSeconds(60), "B marks A unreachable",
                () -> Boolean.FALSE.equals(peersOfB().get("find { it.node_id == '" + idA + "' }.reachable")));
        Await.until(Duration.ofSeconds(60), "A's reliability falls on B", () -> {
            Float now = peersOfB().get("find { it.node_id == '" + idA + "' }.reliability");
            return now != null && now < before;
        });
        assertTrue(notEmpty(peersOfB().getString("find { it.node_id == '" + idA + "' }.last_error")));
        // No renewals arrive from a dead node: within the 15 s lifetime the broadcast is gone everywhere.
        Await.until(Duration.ofSeconds(90), "A's broadcast expires on B and C",
                () -> listed(b, broadcastId) == null && listed(c, broadcastId) == null);
        JsonNode viewOfB = JSON.readTree(given().get(b.baseUrl() + PeerRegistry.PATH).asString());
        assertTrue(find(viewOfB.get("bootstrap_nodes"), "peer_id", idA).get("reliability_score").asDouble() < 1.0);
    }

    // --- helpers ---

    static void goLive(String title) throws Exception {
        if (camera != null) {
            camera.close();
        }
        camera = new JavaWhipClient(webrtc, 640, 360, 30);
        Response created = given().header("Authorization", "Bearer " + owner.streamKey()).contentType("application/sdp")
                .queryParam("title", title).body(camera.offer()).post(a.baseUrl() + owner.whipUrl());
        created.then().statusCode(201);
        camera.answer(created.asString());
        broadcastId = created.header("X-Defiance-Broadcast");
        whipSession = java.net.URI.create(a.baseUrl() + "/").resolve(created.header("Location")).toString();
    }

    /** The broadcast as the node's /api/network/broadcasts lists it, or null. */
    static Map<String, Object> listed(NodeProcess node, String id) {
        List<Map<String, Object>> all = given().get(node.baseUrl() + "/api/network/broadcasts").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(x -> id.equals(x.get("broadcast_id"))).findFirst().orElse(null);
    }

    static JsonPath peersOfB() {
        return adminOnB.request().get(b.baseUrl() + "/api/network/peers").then().statusCode(200).extract().jsonPath();
    }

    static List<String> registryIds(NodeProcess node) {
        return given().get(node.baseUrl() + PeerRegistry.PATH).then().statusCode(200).extract().jsonPath()
                .getList("bootstrap_nodes.peer_id");
    }

    static Response push(NodeProcess node, ObjectNode delivery) {
        return given().contentType("application/json").body(delivery.toString()).post(node.baseUrl() + NetworkResource.INBOX);
    }

    static double counter(String metrics, String reason) {
        return metrics.lines()
                .filter(l -> l.startsWith("defiance_discovery_rejected_total{") && l.contains("reason=\"" + reason + "\"")
                        && l.contains("what=\"announcement\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The first element of an array whose {@code field} is {@code value}. */
    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
