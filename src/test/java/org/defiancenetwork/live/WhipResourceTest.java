package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every answer of the WHIP endpoint (RFC 9725), errors first. */
@QuarkusTest
class WhipResourceTest {

    @Inject
    WebRtcStack webrtc;

    @Inject
    LiveConfig config;

    static Broadcaster owner;
    static final String OFFER = Broadcaster.chromiumOffer();
    /** Session URL → the stream key that may end it. */
    final Map<String, String> sessions = new LinkedHashMap<>();

    @BeforeEach
    void broadcaster() {
        Broadcaster.teachRestAssuredSdp();
        if (owner == null) {
            owner = Broadcaster.create();
        }
    }

    @AfterEach
    void endWhatWeStarted() {
        sessions.forEach((location, key) -> given().header("Authorization", "Bearer " + key).delete(location));
    }

    Response post(Broadcaster who, String body) {
        return given().redirects().follow(false)
                .header("Authorization", "Bearer " + who.streamKey())
                .contentType("application/sdp").body(body)
                .post(who.whipUrl());
    }

    String goLive(Broadcaster who) {
        Response created = post(who, OFFER);
        created.then().statusCode(201);
        String location = created.header("Location");
        sessions.put(location, who.streamKey());
        return location;
    }

    @Test
    void offerIsAnsweredWith201LocationAndAnswerSdp() {
        Response created = post(owner, OFFER);
        sessions.put(created.header("Location"), owner.streamKey());
        created.then().statusCode(201)
                .contentType(startsWith("application/sdp"))
                .header("Location", matchesPattern(".*/api/whip/" + owner.channel() + "/[A-Za-z0-9_-]{22}"))
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\""))
                .header("X-Defiance-Broadcast", matchesPattern("[a-z2-7]{16}"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .body(startsWith("v=0"))
                .body(containsString("a=candidate:"))
                .body(containsString("a=recvonly"));
        String broadcast = created.header("X-Defiance-Broadcast");
        given().get("/api/broadcasts/" + broadcast).then().statusCode(200)
                .body("state", equalTo("STARTING"))
                .body("channelSlug", equalTo(owner.channel()));
    }

    @Test
    void malformedSdpIs400WithTheReason() {
        post(owner, "hello").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("first line must be v=0"));
    }

    @Test
    void offerWithoutVideoIs400() {
        String audioOnly = OFFER.substring(0, OFFER.indexOf("m=video"));
        post(owner, audioOnly).then().statusCode(400).body("detail", containsString("no video"));
    }

    @Test
    void offerWithoutAnyMediaIs400() {
        post(owner, OFFER.substring(0, OFFER.indexOf("m=audio"))).then().statusCode(400)
                .body("detail", containsString("no audio or video"));
    }

    @Test
    void badStreamKeyIs401WithABearerChallenge() {
        given().header("Authorization", "Bearer live_not-the-key").contentType("application/sdp").body(OFFER)
                .post(owner.whipUrl())
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("detail", containsString("not valid"));
    }

    @Test
    void missingCredentialsAre401() {
        given().contentType("application/sdp").body(OFFER).post(owner.whipUrl())
                .then().statusCode(401).body("detail", containsString("stream key"));
    }

    @Test
    void signedInOwnerNeedsNoKey() {
        Response created = owner.browser().request().contentType("application/sdp").body(OFFER).post(owner.whipUrl());
        created.then().statusCode(201);
        // the broadcast page ends its broadcast with the same sign-in, no key
        owner.browser().request().delete(created.header("Location")).then().statusCode(200);
    }

    @Test
    void anotherChannelsKeyIs401() {
        Broadcaster other = Broadcaster.create();
        given().header("Authorization", "Bearer " + other.streamKey()).contentType("application/sdp").body(OFFER)
                .post(owner.whipUrl()).then().statusCode(401);
    }

    @Test
    void unknownChannelIs404() {
        given().header("Authorization", "Bearer x").contentType("application/sdp").body(OFFER)
                .post("/api/whip/nobody-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void secondBroadcasterGets409() {
        goLive(owner);
        post(owner, OFFER).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already live"));
    }

    @Test
    void bodyOver64KiBIs413() {
        String huge = OFFER + "a=x-padding:" + "x".repeat(70 * 1024) + "\r\n";
        post(owner, huge).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        given().header("Authorization", "Bearer " + owner.streamKey()).contentType("application/json")
                .body("{\"sdp\":\"v=0\"}").post(owner.whipUrl())
                .then().statusCode(415).body("detail", containsString("application/sdp"));
    }

    @Test
    void nodeAtItsMaximumAnswers503WithRetryAfter() {
        goLive(Broadcaster.create());
        goLive(Broadcaster.create());
        post(owner, OFFER).then().statusCode(503)
                .header("Retry-After", "30")
                .body("detail", containsString("maximum of 2"));
    }

    @Test
    void preflightAllowsAnyOriginAndSaysWhatItAccepts() {
        given().header("Origin", "https://studio.example").header("Access-Control-Request-Method", "POST")
                .options(owner.whipUrl())
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Accept-Post", "application/sdp");
    }

    @Test
    void deleteEndsTheBroadcast() throws Exception {
        Response created = post(owner, OFFER);
        created.then().statusCode(201);
        String broadcast = created.header("X-Defiance-Broadcast");
        asOwner().delete(created.header("Location")).then().statusCode(200);
        // the session is gone at once; the broadcast's record follows when the background work is done
        asOwner().delete(created.header("Location")).then().statusCode(404);
        Await.until(Duration.ofSeconds(60), "the broadcast to end", () -> "ENDED".equals(
                given().get("/api/broadcasts/" + broadcast).jsonPath().getString("state")));
        assertEquals(BroadcastState.ENDED, QuarkusTransaction.requiringNew()
                .call(() -> Broadcast.<Broadcast>findById(broadcast).state));
        // the channel can go live again at once
        goLive(owner);
    }

    @Test
    void sessionUrlOfAnotherChannelIs404() {
        String location = goLive(owner);
        String session = location.substring(location.lastIndexOf('/') + 1);
        Broadcaster someoneElse = Broadcaster.create();
        given().header("Authorization", "Bearer " + someoneElse.streamKey())
                .delete(someoneElse.whipUrl() + "/" + session).then().statusCode(404);
    }

    @Test
    void trickleAddsCandidatesOrExplainsWhatIsWrong() {
        String location = goLive(owner);
        String fragment = "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n";
        asOwner().contentType("application/trickle-ice-sdpfrag").body(fragment).patch(location).then().statusCode(204);
        asOwner().contentType("application/sdp").body(fragment).patch(location).then().statusCode(415);
        asOwner().contentType("application/trickle-ice-sdpfrag").body("a=candidate:1 1 udp 1 127.0.0.1 1 typ host\r\n")
                .patch(location).then().statusCode(400).body("detail", containsString("before any m="));
        asOwner().contentType("application/trickle-ice-sdpfrag").body(fragment)
                .patch(owner.whipUrl() + "/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        // a candidate libwebrtc cannot parse is the client's mistake, not the node's
        asOwner().contentType("application/trickle-ice-sdpfrag")
                .body("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=candidate:garbage\r\n")
                .patch(location).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("candidate could not be used"));
    }

    @Test
    void rotatedKeyStopsWorkingForWhip() {
        Broadcaster rotating = Broadcaster.create();
        String oldKey = rotating.streamKey();
        rotating.browser().page("/channel/settings");
        rotating.browser().postForm("/channel/settings/stream-key", java.util.Map.of()).then().statusCode(200);
        given().header("Authorization", "Bearer " + oldKey).contentType("application/sdp").body(OFFER)
                .post(rotating.whipUrl()).then().statusCode(401);
    }

    @Test
    void twoOffersRacingForOneChannelGetOne201AndOne409() throws Exception {
        Broadcaster racer = Broadcaster.create();
        try (JavaWhipClient first = new JavaWhipClient(webrtc.factory(), 320, 180, 15);
                JavaWhipClient second = new JavaWhipClient(webrtc.factory(), 320, 180, 15)) {
            List<String> offers = List.of(first.offer(), second.offer());
            CountDownLatch ready = new CountDownLatch(2);
            ExecutorService posters = Executors.newFixedThreadPool(2);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (String offer : offers) {
                    answers.add(posters.submit(() -> {
                        ready.countDown();
                        ready.await();
                        return post(racer, offer);
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                Response winner = null;
                for (Future<Response> answer : answers) {
                    Response r = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 201) {
                        sessions.put(r.header("Location"), racer.streamKey());
                        winner = r;
                    } else {
                        r.then().statusCode(409).contentType("application/problem+json");
                    }
                }
                assertEquals(List.of(201, 409), statuses.stream().sorted().toList());
                JavaWhipClient winning = answers.get(0).get() == winner ? first : second;
                winning.answer(winner.asString());
                String broadcast = winner.header("X-Defiance-Broadcast");
                Await.until(Duration.ofSeconds(60), "the winner going live", () -> "LIVE".equals(
                        given().get("/api/broadcasts/" + broadcast).jsonPath().getString("state")));
            } finally {
                posters.shutdownNow();
            }
        }
    }

    RequestSpecification asOwner() {
        return given().header("Authorization", "Bearer " + owner.streamKey());
    }

    @Test
    void sessionUrlAloneCannotEndOrChangeABroadcast() {
        String location = goLive(owner);
        given().delete(location).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        Broadcaster stranger = Broadcaster.create();
        given().header("Authorization", "Bearer " + stranger.streamKey()).delete(location).then().statusCode(401);
        stranger.browser().request().delete(location).then().statusCode(401);
        String fragment = "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n";
        given().contentType("application/trickle-ice-sdpfrag").body(fragment).patch(location).then().statusCode(401);
        // still live: the owner can still end it
        asOwner().delete(location).then().statusCode(200);
        sessions.remove(location);
    }

    @Test
    void titleLosesInvisibleAndBidiControls() {
        Broadcaster titled = Broadcaster.create();
        Response created = given().header("Authorization", "Bearer " + titled.streamKey())
                .contentType("application/sdp").body(OFFER)
                .queryParam("title", "\u202Egnimoc\u200B  live\u2066 now\u2069")
                .post(titled.whipUrl());
        created.then().statusCode(201);
        sessions.put(created.header("Location"), titled.streamKey());
        given().get("/api/broadcasts/" + created.header("X-Defiance-Broadcast")).then()
                .body("title", equalTo("gnimoc live now"));
    }

    @Test
    void offerWhoseClientNeverConnectsEndsAndFreesItsSlot() throws Exception {
        Broadcaster silent = Broadcaster.create();
        Response created = post(silent, OFFER);
        created.then().statusCode(201);
        String broadcast = created.header("X-Defiance-Broadcast");
        JsonPath failed = Await.until(config.connectTimeout().plusSeconds(30), "the unconnected broadcast to fail", () -> {
            JsonPath s = given().get("/api/broadcasts/" + broadcast).jsonPath();
            return "FAILED".equals(s.getString("state")) ? s : null;
        });
        assertEquals("the broadcaster did not connect within " + config.connectTimeout().toSeconds() + " s",
                failed.getString("failureReason"));
        // its slot is free: the channel may go live again at once
        goLive(silent);
    }

    @Test
    void tooManyOffersFromOneAccountAre429WithRetryAfter() {
        Broadcaster eager = Broadcaster.create();
        int allowed = config.offersPerMinutePerAccount();
        int refused = 0;
        Response last = null;
        // each refused offer still counts; a token may refill while we post, hence a few spare tries
        for (int i = 0; i < allowed + 5 && (last == null || last.statusCode() != 429); i++) {
            last = post(eager, "hello");
            refused += last.statusCode() == 400 ? 1 : 0;
        }
        last.then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .contentType("application/problem+json")
                .body("detail", containsString("Too many WHIP offers for this channel"));
        assertTrue(refused >= allowed, refused + " offers passed before 429");
        // another account from the same address is not held back
        post(Broadcaster.create(), "hello").then().statusCode(400);
    }

    @Test
    void tooManyOffersFromOneAddressAre429WithRetryAfter() throws Exception {
        // 127.0.0.0/8 is all loopback: a source address of its own keeps this test's budget apart
        RestAssuredConfig elsewhere = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName("127.0.0.77")));
        int allowed = config.offersPerMinutePerAddress();
        Response last = null;
        int passed = 0;
        // the bucket refills while we post (a few per second), so allow for twice the burst
        for (int i = 0; i < 2 * allowed && (last == null || last.statusCode() != 429); i++) {
            last = given().config(elsewhere).contentType("application/sdp").body("hello").post("/api/whip/nobody-here");
            passed += last.statusCode() == 404 ? 1 : 0;
        }
        last.then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("from your address"));
        assertTrue(passed >= allowed, passed + " offers passed before 429");
        // the limit is the address's, not everyone's
        post(owner, "hello").then().statusCode(400);
    }
}
