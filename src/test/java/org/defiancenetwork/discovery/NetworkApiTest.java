package org.defiancenetwork.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.defiancenetwork.platform.NodeKeys;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The federation HTTP contract: descriptor, registry view, pull, push and follow, with their error answers. */
@QuarkusTest
class NetworkApiTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void descriptorIsSignedByTheKeyItNamesAndTheIdIsDerivedFromIt() throws Exception {
        JsonNode d = json.readTree(given().get("/.well-known/defiance/node").then().statusCode(200)
                .contentType("application/json").extract().asString());
        assertEquals("defiance-node", d.get("type").asText());
        String key = d.get("public_key").asText();
        assertEquals(NodeKeys.nodeIdOf(Base64.getUrlDecoder().decode(key)), d.get("id").asText());
        assertEquals(key, SignedJson.verify(d, NodeDescriptor.TYPE, "id", "public_key"));
        assertTrue(d.get("base_url").asText().startsWith("http://localhost:"), d.toString());
        assertTrue(d.get("capabilities").toString().contains("live"), d.toString());
        Instant time = Instant.parse(d.get("time").asText());
        assertTrue(Math.abs(Instant.now().getEpochSecond() - time.getEpochSecond()) < 60);
    }

    @Test
    void registryViewIsInTheOriginalsFormatStartingWithThisNodeAndAnswers304WhenUnchanged() throws Exception {
        String id = given().get("/.well-known/defiance/node").then().extract().path("id");
        Response first = given().get("/.well-known/defiance/peer-registry.json");
        first.then().statusCode(200).body("version", equalTo("1.0")).body("bootstrap_nodes[0].peer_id", equalTo(id));
        PeerRegistryFormat.Parsed parsed = PeerRegistryFormat.read(json, first.asByteArray());
        assertEquals(id, parsed.nodes().get(0).peerId());
        given().header("If-None-Match", first.header("ETag")).get("/.well-known/defiance/peer-registry.json")
                .then().statusCode(304);
    }

    @Test
    void pullWithABadSinceIsA400Problem() {
        given().get("/api/network/announcements?since=yesterday").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("since 'yesterday' is not an RFC 3339 UTC time such as 2024-05-01T12:00:00Z"));
        given().get("/api/network/announcements?since=2024-01-01T00:00:00Z").then().statusCode(200)
                .body("announcements", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void pushesThatAreNotSignedDeliveriesAreRefusedPrecisely() {
        given().contentType("application/json").body("not json").post("/api/network/inbox").then().statusCode(400)
                .body("detail", containsString("the body is not JSON"));
        given().contentType("application/json").body("[]").post("/api/network/inbox").then().statusCode(400)
                .body("detail", equalTo("the body must be a JSON object"));
        given().contentType("application/json").body("{\"padding\": \"" + "x".repeat(300_000) + "\"}")
                .post("/api/network/inbox").then().statusCode(413);
        TestKey sender = new TestKey();
        ObjectNode delivery = Documents.delivery(sender, 1, Documents.announcement(sender, "https://origin.example", "b1", "Hi"));
        delivery.put("hops", 2);
        given().contentType("application/json").body(delivery.toString()).post("/api/network/inbox").then().statusCode(400)
                .body("detail", startsWithText("the delivery is refused: the signature does not match"));
    }

    @Test
    void onlyFollowedNodesMayPush() {
        TestKey stranger = new TestKey();
        ObjectNode delivery = Documents.delivery(stranger, 1, Documents.announcement(stranger, "https://origin.example", "b1", "Hi"));
        given().contentType("application/json").body(delivery.toString()).post("/api/network/inbox").then().statusCode(403)
                .body("detail", equalTo("this node does not follow " + stranger.nodeId() + "; it accepts pushes only from nodes it follows"));
    }

    @Test
    void aFollowedNodesAnnouncementIsListedATamperedOneIsRefusedCountedAndTheSenderBlockedAtTheThird() throws Exception {
        TestKey peer = new TestKey();
        TestKey origin = new TestKey();
        followed(peer, "https://peer.example");
        ObjectNode genuine = Documents.announcement(origin, "https://origin.example", "bcast" + System.nanoTime(), "Genuine title");
        given().contentType("application/json").body(Documents.delivery(peer, 2, genuine).toString())
                .post("/api/network/inbox").then().statusCode(202).body("outcome", equalTo("new"));
        given().contentType("application/json").body(Documents.delivery(peer, 2, genuine).toString())
                .post("/api/network/inbox").then().statusCode(202).body("outcome", equalTo("duplicate"));
        given().get("/api/network/broadcasts").then().statusCode(200)
                .body("find { it.origin_id == '" + origin.nodeId() + "' }.title", equalTo("Genuine title"))
                .body("find { it.origin_id == '" + origin.nodeId() + "' }.hops", equalTo(2))
                .body("find { it.origin_id == '" + origin.nodeId() + "' }.via", equalTo(peer.nodeId()));
        given().accept("text/html").get("/").then().statusCode(200)
                .body(containsString("Live on the network")).body(containsString("Genuine title"));

        ObjectNode retitled = genuine.deepCopy().put("title", "Changed title");
        given().contentType("application/json").body(Documents.delivery(peer, 2, retitled).toString())
                .post("/api/network/inbox").then().statusCode(422)
                .body("detail", containsString("the signature does not match the document and the key of " + origin.nodeId()));
        ObjectNode wrongKey = Documents.announcement(peer, "https://origin.example", genuine.get("broadcast_id").asText(), "Impostor")
                .put("origin_id", origin.nodeId());
        given().contentType("application/json").body(Documents.delivery(peer, 2, wrongKey).toString())
                .post("/api/network/inbox").then().statusCode(422)
                .body("detail", containsString("is not the id of the key in origin_key"));
        given().get("/api/network/broadcasts").then()
                .body("find { it.origin_id == '" + origin.nodeId() + "' }.title", equalTo("Genuine title"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("defiance_discovery_rejected_total{reason=\"bad-signature\",what=\"announcement\"}"), metrics);
        assertTrue(metrics.contains("defiance_discovery_rejected_total{reason=\"wrong-key\",what=\"announcement\"}"), metrics);

        given().contentType("application/json").body(Documents.delivery(peer, 2, retitled).toString())
                .post("/api/network/inbox").then().statusCode(422);
        given().contentType("application/json").body(Documents.delivery(peer, 2, genuine).toString())
                .post("/api/network/inbox").then().statusCode(403).body("detail", equalTo("this node has blocked " + peer.nodeId()));
        PeerNode blocked = QuarkusTransaction.requiringNew().call(() -> PeerNode.byNodeId(peer.nodeId()).orElseThrow());
        assertTrue(blocked.blocked);
        assertEquals(3, blocked.badSignatures);
        assertTrue(blocked.blockReason.startsWith("3 bad signatures"), blocked.blockReason);
    }

    @Test
    void aFollowedNodeThatPushesTooFastGets429WithRetryAfter() {
        TestKey peer = new TestKey();
        followed(peer, "https://fast.example");
        TestKey origin = new TestKey();
        ObjectNode a = Documents.announcement(origin, "https://origin.example", "fast", "Fast");
        int status = 0;
        String retryAfter = null;
        for (int i = 0; i < 20 && status != 429; i++) {
            Response r = given().contentType("application/json").body(Documents.delivery(peer, 1, a).toString()).post("/api/network/inbox");
            status = r.statusCode();
            retryAfter = r.header("Retry-After");
        }
        assertEquals(429, status);
        assertEquals("10", retryAfter, "6 a minute: one every 10 s");
    }

    @Test
    void followRequestsForAnotherNodeOrUnsignedAreRefused() {
        TestKey follower = new TestKey();
        ObjectNode request = json.createObjectNode().put("type", FollowRequest.TYPE).put("follower_id", follower.nodeId())
                .put("follower_key", follower.publicKey()).put("follower_url", "http://127.0.0.1:9").put("target_id", "dnsomeoneelse")
                .put("follow", true).put("time", Instants.text(Instant.now()));
        given().contentType("application/json").body(SignedJson.sign(request, follower::sign).toString())
                .post("/api/network/follows").then().statusCode(400)
                .body("detail", startsWithText("the request is addressed to dnsomeoneelse, not to this node"));
        request.put("target_id", (String) given().get("/.well-known/defiance/node").then().extract().path("id"));
        given().contentType("application/json").body(request.toString()).post("/api/network/follows").then().statusCode(400)
                .body("detail", equalTo("signature is missing or not a non-empty string"));
        given().contentType("application/json").body(SignedJson.sign(request, follower::sign).toString())
                .post("/api/network/follows").then().statusCode(400)
                .body("detail", startsWithText("the follower's descriptor could not be fetched"));
    }

    @Test
    void peersApiAndActionsAreForAdminsOnlyAndTheAdminSectionListsPeers() {
        given().redirects().follow(false).get("/api/network/peers").then().statusCode(not(equalTo(200)));
        TestKey peer = new TestKey();
        long id = followed(peer, "https://listed.example");
        WebSession admin = adminSession();
        admin.request().get("/api/network/peers").then().statusCode(200)
                .body("node_id", hasItem(peer.nodeId()));
        admin.page("/admin").then().statusCode(200).body(containsString("Network peers"))
                .body(containsString("https://listed.example"));
        admin.postForm("/admin/network/peers/" + id + "/unfollow", java.util.Map.of()).then().statusCode(303);
        assertTrue(!QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>findById(id).following));
        admin.postForm("/admin/network/peers/" + id + "/block", java.util.Map.of()).then().statusCode(303);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> PeerNode.<PeerNode>findById(id).blocked));
        admin.postForm("/admin/network/peers", java.util.Map.of("address", "http://127.0.0.1:9")).then().statusCode(303);
        admin.postForm("/admin/network/peers", java.util.Map.of("address", "/ip4/1.2.3.4/udp/9/quic")).then().statusCode(400)
                .body(containsString("uses /udp where /tcp is needed"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .post("/admin/network/peers/" + id + "/unblock").then().statusCode(not(equalTo(303)));
    }

    /** An account of the shared test node made admin (the first account of a node is its admin, but others came first). */
    private static WebSession adminSession() {
        String name = "fed" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        WebSession session = WebSession.signUp(name, "a long passphrase");
        QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("update account set roles = 'broadcaster,admin' where username = ?1")
                .setParameter(1, name).executeUpdate());
        session.signIn(name, "a long passphrase");
        return session;
    }

    private static long followed(TestKey key, String baseUrl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PeerNode p = new PeerNode();
            p.nodeId = key.nodeId();
            p.publicKey = key.publicKey();
            p.baseUrl = baseUrl;
            p.name = "Peer " + baseUrl;
            p.source = PeerNode.Source.OPERATOR;
            p.following = true;
            p.firstSeen = Instant.now();
            p.lastSeen = Instant.now();
            // Not probed during the test: the address is not real.
            p.nextProbe = Instant.now().plusSeconds(3600);
            p.persist();
            return p.id;
        });
    }

    private static org.hamcrest.Matcher<String> startsWithText(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }
}
