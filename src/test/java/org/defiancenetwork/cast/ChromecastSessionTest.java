package org.defiancenetwork.cast;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.defiancenetwork.live.WebRtcStack;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.defiancenetwork.testing.LanNamespace;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Casting a live broadcast to a Chromecast: a test device speaking the real Cast v2 wire protocol
 * over TLS (npm castv2's device side) in a network namespace of the test's own, found by mDNS like
 * a real one. It answers like the Default Media Receiver and records what it was told.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromecastSessionTest {

    private static final String DEVICE_ID = "5d3b1a2c9e8f4b7a";

    @Inject
    WebRtcStack webrtc;
    @Inject
    io.quarkus.vertx.http.HttpServer server;

    private LanNamespace lan;
    private CastTestDevice device;
    private JavaWhipClient camera;
    private String broadcast;
    private String deviceId;
    private WebSession admin;

    /** Once per class, but after Quarkus has pointed RestAssured at the test node (it does so per test). */
    @BeforeEach
    void startDeviceAndBroadcast() throws Exception {
        if (lan != null) {
            return;
        }
        String why = LanNamespace.unavailableBecause();
        Assumptions.assumeTrue(why == null, "network namespaces cannot be created here: " + why);
        why = CastTestDevice.unavailableBecause();
        Assumptions.assumeTrue(why == null, why);
        lan = LanNamespace.create();
        device = CastTestDevice.start(lan, "Living Room TV", DEVICE_ID);
        admin = CastFixtures.admin();

        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        camera = new JavaWhipClient(webrtc.factory(), 640, 360, 30);
        Response created = given().header("Authorization", "Bearer " + owner.streamKey())
                .contentType("application/sdp").body(camera.offer()).queryParam("title", "Owls, live")
                .post(owner.whipUrl());
        created.then().statusCode(201);
        camera.answer(created.asString());
        broadcast = created.header("X-Defiance-Broadcast");
        Await.until(Duration.ofSeconds(60), "the broadcast is live with a playlist",
                () -> given().get("/api/broadcasts/" + broadcast).jsonPath().getString("playlistUrl") != null);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (camera != null) {
            camera.close();
        }
        if (device != null) {
            device.close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    @Order(1)
    void findsTheDeviceByMdns() throws Exception {
        JsonPath found = Await.until(Duration.ofSeconds(45), "the Cast device in /api/cast/devices", () -> {
            JsonPath list = admin.request().get("/api/cast/devices").then().statusCode(200).extract().jsonPath();
            return list.getList("findAll { it.name == 'Living Room TV' }").isEmpty() ? null : list;
        });
        deviceId = found.getString("find { it.name == 'Living Room TV' }.id");
        assertEquals("cc-" + DEVICE_ID, deviceId);
        assertEquals("chromecast", found.getString("find { it.id == '" + deviceId + "' }.protocol"));
        assertEquals("Chromecast Test Double", found.getString("find { it.id == '" + deviceId + "' }.model"));
        assertEquals(lan.deviceAddress(), found.getString("find { it.id == '" + deviceId + "' }.host"));
        assertEquals(8009, found.getInt("find { it.id == '" + deviceId + "' }.port"));
    }

    @Test
    @Order(2)
    void castsTheLiveBroadcastAndFollowsTheDevice() throws Exception {
        Response created = start();
        created.then().statusCode(201);
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/cast/sessions/" + created.jsonPath().getString("id")), location);

        device.awaitMessage("tp.connection", "CONNECT");
        JsonPath launch = device.awaitMessage("receiver", "LAUNCH");
        assertEquals("CC1AD845", launch.getString("message.appId"));
        JsonPath load = device.awaitMessage("media", "LOAD");
        String expectedUrl = "http://" + lan.hostAddress() + ":" + server.getPort() + "/media/" + broadcast + "/master.m3u8";
        assertEquals(expectedUrl, load.getString("message.media.contentId"), "a URL the device can reach, never localhost");
        assertEquals("LIVE", load.getString("message.media.streamType"));
        assertEquals("application/x-mpegurl", load.getString("message.media.contentType"));
        assertEquals("Owls, live", load.getString("message.media.metadata.title"));
        assertEquals("web-7", load.getString("destination"), "LOAD goes to the launched app's transport");

        JsonPath fetched = device.await("the device fetched the playlist", j -> "fetched".equals(j.getString("event")));
        assertEquals(200, fetched.getInt("status"), "the device reached the node: " + fetched.prettify());
        assertEquals("*", fetched.getString("cors"), "the Default Media Receiver needs CORS on /media");

        awaitState(location, "PLAYING");

        control(location, "{\"action\":\"pause\"}").then().statusCode(200);
        device.awaitMessage("media", "PAUSE");
        assertEquals("PAUSED", admin.request().get(location).jsonPath().getString("state"));

        control(location, "{\"action\":\"seek\",\"position\":42}").then().statusCode(200);
        assertEquals(42.0, device.awaitMessage("media", "SEEK").getDouble("message.currentTime"));
        assertEquals(42.0, admin.request().get(location).jsonPath().getDouble("position"), 0.5);

        control(location, "{\"volume\":0.3}").then().statusCode(200);
        assertEquals(0.3f, device.awaitMessage("receiver", "SET_VOLUME").getFloat("message.volume.level"));
        control(location, "{\"muted\":true}").then().statusCode(200);
        device.await("mute", j -> "SET_VOLUME".equals(j.getString("message.type")) && Boolean.TRUE.equals(j.get("message.volume.muted")));
        JsonPath afterVolume = admin.request().get(location).jsonPath();
        assertEquals(0.3f, afterVolume.getFloat("volume"));
        assertTrue(afterVolume.getBoolean("muted"));

        control(location, "{\"action\":\"play\"}").then().statusCode(200);
        awaitState(location, "PLAYING");
        // Someone pauses on the TV's own remote: the device reports it, the session follows.
        device.command("pause-from-remote");
        JsonPath followed = awaitState(location, "PAUSED");
        assertEquals(21.5, followed.getDouble("position"), 0.01);

        admin.request().delete(location).then().statusCode(204);
        device.awaitMessage("media", "STOP");
        device.awaitMessage("receiver", "STOP");
        admin.request().get(location).then().statusCode(404);
    }

    @Test
    @Order(3)
    void reconnectsOnceWhenTheConnectionDrops() throws Exception {
        String location = start().then().statusCode(201).extract().header("Location");
        awaitState(location, "PLAYING");
        device.forget();
        device.command("drop");
        device.awaitMessage("tp.connection", "CONNECT");
        device.awaitMessage("receiver", "GET_STATUS");
        device.awaitMessage("media", "GET_STATUS");
        assertEquals("PLAYING", admin.request().get(location).jsonPath().getString("state"));
        control(location, "{\"action\":\"pause\"}").then().statusCode(200);
        awaitState(location, "PAUSED");
        admin.request().delete(location).then().statusCode(204);
    }

    @Test
    @Order(4)
    void aDeviceThatRefusesTheMediaIsReported() throws Exception {
        device.command("refuse-load");
        device.await("refuse-load taken", j -> "refuse-load".equals(j.getString("command")));
        String location = start().then().statusCode(201).extract().header("Location");
        JsonPath failed = awaitState(location, "FAILED");
        assertTrue(failed.getString("error").startsWith("Living Room TV could not load http://"), failed.getString("error"));
    }

    @Test
    @Order(5)
    void malformedFramesCloseTheConnectionAndTheNodeCarriesOn() throws Exception {
        String location = start().then().statusCode(201).extract().header("Location");
        awaitState(location, "PLAYING");
        device.command("malformed");
        JsonPath failed = awaitState(location, "FAILED");
        assertTrue(failed.getString("error").contains("malformed message"), failed.getString("error"));
        given().get("/q/health/live").then().statusCode(200);
        String again = start().then().statusCode(201).extract().header("Location");
        awaitState(again, "PLAYING");
        admin.request().delete(again).then().statusCode(204);
    }

    @Test
    @Order(6)
    void aDeviceGoneMidSessionEndsItWithAClearError() throws Exception {
        String location = start().then().statusCode(201).extract().header("Location");
        awaitState(location, "PLAYING");
        device.command("exit");
        JsonPath failed = awaitState(location, "FAILED");
        assertTrue(failed.getString("error").startsWith("lost the connection to Living Room TV"), failed.getString("error"));
        assertTrue(failed.getString("error").contains("could not reconnect"), failed.getString("error"));
    }

    private Response start() {
        return admin.request().contentType("application/json")
                .body(CastFixtures.json("device", deviceId, "broadcast", broadcast))
                .post("/api/cast/sessions");
    }

    private Response control(String location, String body) {
        return admin.request().contentType("application/json").body(body).patch(location);
    }

    private JsonPath awaitState(String location, String state) throws InterruptedException {
        return Await.until(Duration.ofSeconds(30), "session " + location + " " + state, () -> {
            JsonPath s = admin.request().get(location).jsonPath();
            if (!state.equals("FAILED") && "FAILED".equals(s.getString("state"))) {
                throw new AssertionError("the session failed: " + s.getString("error"));
            }
            return state.equals(s.getString("state")) ? s : null;
        });
    }
}
