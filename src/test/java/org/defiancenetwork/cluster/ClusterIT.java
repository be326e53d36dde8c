package org.defiancenetwork.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Two nodes of the cluster build (PostgreSQL at 127.0.0.1:5432, RabbitMQ at 127.0.0.1:5672) on
 * one database: a broadcast ingested on A is listed and playable from B, chat and viewer counts
 * cross nodes, mesh signaling reaches a peer on the other node, and the cluster survives a
 * RabbitMQ restart and a database outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = "defiance_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    static NodeProcess a;
    static NodeProcess b;
    static HeadlessAudioDeviceModule audio;
    static PeerConnectionFactory webrtc;
    static JavaWhipClient camera;
    static String broadcastId;
    static WebSession admin;

    @BeforeAll
    static void startCluster() throws Exception {
        sql("postgres", "create database " + DATABASE);
        Path app = Path.of(System.getProperty("defiance.test.cluster-app-dir", "target/cluster/quarkus-app"));
        a = NodeProcess.start("cluster-a", settings("a"), app);
        b = NodeProcess.start("cluster-b", settings("b"), app);

        // the first account of the fresh cluster database is its admin (signed in on both nodes: one session key)
        admin = Admins.firstOn(a.baseUrl());
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = a.port();
        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        audio = new HeadlessAudioDeviceModule();
        webrtc = new PeerConnectionFactory(audio);
        camera = new JavaWhipClient(webrtc, 640, 360, 30);
        Response created = given().header("Authorization", "Bearer " + owner.streamKey()).contentType("application/sdp")
                .body(camera.offer()).post(owner.whipUrl());
        created.then().statusCode(201);
        camera.answer(created.asString());
        broadcastId = created.header("X-Defiance-Broadcast");
        Await.until(Duration.ofSeconds(40), "live on A with a master playlist",
                () -> status(a).getString("playlistUrl") != null);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        RestAssured.reset();
        if (camera != null) {
            camera.close();
        }
        for (NodeProcess n : new NodeProcess[] { a, b }) {
            if (n != null) {
                n.close();
            }
        }
        if (webrtc != null) {
            webrtc.dispose();
            audio.dispose();
        }
        sql("postgres", "drop database if exists " + DATABASE + " with (force)");
    }

    static Map<String, String> settings(String name) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-" + name + "-");
        return Map.of(
                "quarkus.profile", "cluster",
                "defiance.data-dir", dataDir.toString(),
                "defiance.node-name", "Cluster " + name.toUpperCase(),
                "defiance.public-base-url", "http://127.0.0.1:${port}",
                "defiance.db.url", SERVER + DATABASE,
                // both nodes must read each other's sign-in cookies
                "quarkus.http.auth.session.encryption-key", "cluster-test-key-that-is-long-enough-1234");
    }

    @Test
    @Order(1)
    void bothNodesRunOnPostgresAndRabbitMq() {
        for (NodeProcess n : List.of(a, b)) {
            admin.request().get(n.baseUrl() + "/api/node").then().statusCode(200)
                    .body("databaseKind", org.hamcrest.Matchers.equalTo("postgresql"))
                    .body("messaging", org.hamcrest.Matchers.startsWith("RabbitMQ"));
            given().get(n.baseUrl() + "/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void nodeBListsABroadcastIngestedOnAAndPlaysItFromA() {
        given().get(b.baseUrl() + "/").then().statusCode(200).body(containsString("/watch/" + broadcastId));
        String playlist = status(b).getString("playlistUrl");
        assertTrue(playlist.startsWith(a.baseUrl() + "/media/" + broadcastId + "/"), playlist);
        given().get(playlist).then().statusCode(200).body(containsString("#EXTM3U"));
        given().get(b.baseUrl() + "/watch/" + broadcastId).then().statusCode(200);
    }

    @Test
    @Order(3)
    void chatPostedOnOneNodeReachesTheOther() throws Exception {
        try (Socket onA = Socket.open(a, "/api/chat/" + broadcastId + "?nick=alice");
                Socket onB = Socket.open(b, "/api/chat/" + broadcastId + "?nick=bob")) {
            onA.next("history");
            onB.next("history");
            onA.send(new JsonObject().put("type", "post").put("text", "hello from A"));
            assertEquals("hello from A", onB.next("message").getString("text"));
            onB.send(new JsonObject().put("type", "post").put("text", "hello from B"));
            JsonObject atA = onA.nextMatching("message", m -> "bob".equals(m.getString("author")));
            assertEquals("hello from B", atA.getString("text"));
        }
    }

    @Test
    @Order(4)
    void viewerCountAddsUpAcrossNodes() throws Exception {
        given().contentType("application/json").body("{\"viewer\":\"viewer-on-node-a\"}")
                .post(a.baseUrl() + "/api/broadcasts/" + broadcastId + "/viewers").then().statusCode(200);
        given().contentType("application/json").body("{\"viewer\":\"viewer-on-node-b\"}")
                .post(b.baseUrl() + "/api/broadcasts/" + broadcastId + "/viewers").then().statusCode(200);
        Await.until(Duration.ofSeconds(20), "both nodes count both viewers",
                () -> status(a).getInt("viewers") == 2 && status(b).getInt("viewers") == 2);
    }

    @Test
    @Order(5)
    void meshSignalingReachesAPeerOnTheOtherNode() throws Exception {
        // B must see A's broadcast as live on A before its viewer's JOIN can be forwarded there.
        Await.until(Duration.ofSeconds(60), "node B knows the broadcast is live on A", () -> "LIVE".equals(status(b).getString("state")));
        try (Socket x = Socket.open(a, "/api/mesh/" + broadcastId)) {
            // the viewer on A is in the swarm before the one on B arrives, so it is the one offered
            String xId = x.expect("welcome").getString("peerId");
            try (Socket y = Socket.open(b, "/api/mesh/" + broadcastId)) {
                JsonObject yWelcome = y.expect("welcome");
                String yId = yWelcome.getString("peerId");
                assertTrue(yWelcome.getJsonArray("neighbours").contains(xId), "the viewer on B is offered the one on A");
                assertEquals(yId, x.expect("peer-joined").getString("peerId"));
                y.send(new JsonObject().put("type", "offer").put("to", xId).put("sdp", "v=0 from B"));
                JsonObject offer = x.expect("offer");
                assertEquals(yId, offer.getString("from"));
                assertEquals("v=0 from B", offer.getString("sdp"));
                x.send(new JsonObject().put("type", "answer").put("to", yId).put("sdp", "v=0 from A"));
                assertEquals("v=0 from A", y.expect("answer").getString("sdp"));
            }
        }
    }

    @Test
    @Order(6)
    void nodesReconnectAfterARabbitMqRestartAndDeliverWhatIsSentAfterIt() throws Exception {
        run("rabbitmqctl", "stop");
        try {
            Await.until(Duration.ofSeconds(30), "readiness reports the broker gone",
                    () -> given().get(a.baseUrl() + "/q/health/ready").statusCode() == 503);
        } finally {
            run("rabbitmq-server", "-detached");
            Await.until(Duration.ofSeconds(90), "RabbitMQ up again", () -> {
                try {
                    run("rabbitmqctl", "await_startup");
                    return true;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
        }
        for (NodeProcess n : List.of(a, b)) {
            Await.until(Duration.ofSeconds(60), "node ready again",
                    () -> given().get(n.baseUrl() + "/q/health/ready").statusCode() == 200);
        }
        try (Socket onA = Socket.open(a, "/api/chat/" + broadcastId + "?nick=carol");
                Socket onB = Socket.open(b, "/api/chat/" + broadcastId + "?nick=dave")) {
            onA.next("history");
            onB.next("history");
            // Posted once each, after both nodes report ready again: every one must arrive, in order.
            for (int i = 1; i <= 5; i++) {
                onA.send(new JsonObject().put("type", "post").put("text", "after the restart #" + i));
            }
            List<String> arrived = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                arrived.add(onB.nextMatching("message", m -> "carol".equals(m.getString("author"))).getString("text"));
            }
            assertEquals(List.of("after the restart #1", "after the restart #2", "after the restart #3",
                    "after the restart #4", "after the restart #5"), arrived);
        }
    }

    @Test
    @Order(7)
    void databaseOutageMakesTheNodeUnreadyWithAReasonAndItRecovers() throws Exception {
        String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
        try {
            JsonPath down = Await.until(Duration.ofSeconds(30), "readiness DOWN", () -> {
                Response r = given().get(a.baseUrl() + "/q/health/ready");
                return r.statusCode() == 503 ? r.jsonPath() : null;
            });
            assertEquals("DOWN", down.getString("checks.find { it.name == 'Database connections health check' }.status"));
            assertTrue(down.getString("checks.find { it.name == 'Database connections health check' }.data").contains("<default>"),
                    down.prettify());
            given().accept("text/html").get(a.baseUrl() + "/").then().statusCode(500)
                    .body(org.hamcrest.Matchers.not(containsString("Exception")));
        } finally {
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
        }
        for (NodeProcess n : List.of(a, b)) {
            Await.until(Duration.ofSeconds(60), "ready again", () -> given().get(n.baseUrl() + "/q/health/ready").statusCode() == 200);
        }
        given().get(a.baseUrl() + "/").then().statusCode(200).body(containsString("/watch/" + broadcastId));
        assertEquals("LIVE", status(b).getString("state"), "the broadcast lived through the outage");
    }

    static JsonPath status(NodeProcess node) {
        return given().get(node.baseUrl() + "/api/broadcasts/" + broadcastId).then().statusCode(200).extract().jsonPath();
    }

    static void sql(String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** A WebSocket client with an inbox of JSON messages. */
    record Socket(WebSocket socket, LinkedBlockingQueue<JsonObject> inbox) implements AutoCloseable {

        static Socket open(NodeProcess node, String path) throws Exception {
            LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + path), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                inbox.add(new JsonObject(partial.toString()));
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(10, TimeUnit.SECONDS);
            return new Socket(ws, inbox);
        }

        void send(JsonObject message) {
            socket.sendText(message.encode(), true).join();
        }

        JsonObject next(String type) throws InterruptedException {
            return nextMatching(type, m -> true);
        }

        /** The very next message, which must be of this type (nothing is skipped). */
        JsonObject expect(String type) throws InterruptedException {
            JsonObject m = inbox.poll(30, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no '" + type + "' within 30 s");
            }
            assertEquals(type, m.getString("type"), "next message: " + m.encode());
            return m;
        }

        JsonObject nextMatching(String type, java.util.function.Predicate<JsonObject> test) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                JsonObject m = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (m != null && type.equals(m.getString("type")) && test.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no '" + type + "' within 15 s");
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
