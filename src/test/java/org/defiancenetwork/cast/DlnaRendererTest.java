package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.defiancenetwork.cast.api.CastableAudio;
import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.RecordingDownloads;
import org.defiancenetwork.media.api.Recordings;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Ffprobe;
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
import io.quarkus.vertx.http.HttpServer;
import io.restassured.path.json.JsonPath;

/**
 * Casting to a real UPnP MediaRenderer: Debian's gmediarender (GStreamer playbin; fakevideosink and
 * fakeaudiosink, which keep to the clock like real outputs — plain fakesink decodes as fast as it can) in a
 * network namespace of the test's own, found by SSDP. The renderer really fetches and decodes what
 * the node hands it; the test asks the renderer itself (GetTransportInfo, GetPositionInfo) whether it plays.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DlnaRendererTest {

    private static final String UDN = "5f0e2d1c-0b9a-4c8d-9e7f-" + UUID.randomUUID().toString().substring(24);

    @Inject
    MediaLayout layout;
    @Inject
    Recordings recordings;
    @Inject
    TestAudioCatalogue audio;
    @Inject
    HttpServer server;

    private LanNamespace lan;
    private Process renderer;
    private RendererControl control;
    private WebSession admin;
    private String recording;
    private String deviceId;

    @BeforeEach
    void startRenderer() throws Exception {
        if (lan != null) {
            return;
        }
        String why = LanNamespace.unavailableBecause();
        Assumptions.assumeTrue(why == null, "network namespaces cannot be created here: " + why);
        lan = LanNamespace.create();
        Path log = Path.of("target", "gmediarender-" + lan.hostInterface() + ".log");
        renderer = lan.process("gmediarender", "-I", lan.deviceInterface(), "-p", "49494", "-f", "Kitchen Speaker",
                "-u", UDN, "--logfile", "stdout", "--gstout-videosink=fakevideosink", "--gstout-audiosink=fakeaudiosink")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        control = new RendererControl(lan.deviceAddress(), 49494);
        Await.until(Duration.ofSeconds(30), "gmediarender answers", () -> control.transportState() != null);
        admin = CastFixtures.admin();
        recording = CastFixtures.recording(layout, recordings, "Yesterday's owls", 20);
        audio.put("tone", new CastableAudio.Entry("A long tone", "Test pattern", CastFixtures.audioFile(layout, 30),
                "audio/mp4", 30.0, null));
    }

    @AfterAll
    void stopRenderer() throws Exception {
        if (renderer != null) {
            renderer.destroy();
            renderer.waitFor(10, TimeUnit.SECONDS);
        }
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    @Order(1)
    void findsTheRendererBySsdp() throws Exception {
        JsonPath found = Await.until(Duration.ofSeconds(45), "the renderer in /api/cast/devices", () -> {
            JsonPath list = admin.request().get("/api/cast/devices").then().statusCode(200).extract().jsonPath();
            return list.getList("findAll { it.name == 'Kitchen Speaker' }").isEmpty() ? null : list;
        });
        deviceId = found.getString("find { it.name == 'Kitchen Speaker' }.id");
        assertEquals("dlna-" + UDN, deviceId);
        assertEquals("dlna", found.getString("find { it.id == '" + deviceId + "' }.protocol"));
        assertEquals("gmediarender", found.getString("find { it.id == '" + deviceId + "' }.model"));
        assertFalse(found.getBoolean("find { it.id == '" + deviceId + "' }.playsLive"), "gmediarender lists no HLS type");
    }

    @Test
    @Order(2)
    void castsARecordingAsMp4AndControlsIt() throws Exception {
        String location = admin.request().contentType("application/json")
                .body(CastFixtures.json("device", deviceId, "recording", recording))
                .post("/api/cast/sessions").then().statusCode(201).extract().header("Location");

        awaitRenderer("PLAYING");
        assertEquals("http://" + lan.hostAddress() + ":" + server.getPort() + "/media/" + recording + "/recording.mp4",
                control.trackUri(), "the MP4 at an address the renderer reaches");
        double first = control.position();
        Await.until(Duration.ofSeconds(20), "the renderer's position advances", () -> control.position() > first);
        awaitSession(location, "PLAYING");

        Ffprobe mp4 = Ffprobe.of(layout.broadcastDir(recording).resolve(RecordingDownloads.FILE));
        assertTrue(mp4.codecs().contains("h264") && mp4.codecs().contains("aac"), mp4.codecs().toString());
        assertEquals(20, mp4.durationSeconds(), 1.0);

        patch(location, "{\"action\":\"pause\"}");
        awaitRenderer("PAUSED_PLAYBACK");
        awaitSession(location, "PAUSED");

        patch(location, "{\"action\":\"seek\",\"position\":12}");
        Await.until(Duration.ofSeconds(20), "the renderer went to 0:00:12", () -> control.position() >= 11.5);

        patch(location, "{\"action\":\"play\"}");
        awaitRenderer("PLAYING");
        patch(location, "{\"volume\":0.4}");
        assertEquals(40, control.volume());
        patch(location, "{\"muted\":true}");
        assertTrue(control.muted());
        JsonPath session = admin.request().get(location).jsonPath();
        assertEquals(0.4f, session.getFloat("volume"));
        assertTrue(session.getBoolean("muted"));
        assertTrue(session.getDouble("position") >= 11.5, "position " + session.getDouble("position"));
        assertEquals(20.0, session.getDouble("duration"), 1.0);
        patch(location, "{\"muted\":false}");

        patch(location, "{\"action\":\"stop\"}");
        awaitRenderer("STOPPED");
        assertEquals("ENDED", admin.request().get(location).jsonPath().getString("state"));
    }

    @Test
    @Order(3)
    void castsAnAudioEntry() throws Exception {
        String location = admin.request().contentType("application/json")
                .body(CastFixtures.json("device", deviceId, "audioEntry", "tone"))
                .post("/api/cast/sessions").then().statusCode(201).extract().header("Location");
        awaitRenderer("PLAYING");
        assertTrue(control.trackUri().endsWith("/tone.mp4"), control.trackUri());
        double first = control.position();
        Await.until(Duration.ofSeconds(20), "the renderer's position advances", () -> control.position() > first);
        awaitSession(location, "PLAYING");
        admin.request().delete(location).then().statusCode(204);
        awaitRenderer("STOPPED");
    }

    @Test
    @Order(4)
    void aRendererCanBeAddedByItsDescriptionUrl() {
        JsonPath added = admin.request().contentType("application/json")
                .body(CastFixtures.json("address", "http://" + lan.deviceAddress() + ":49494/description.xml",
                        "protocol", "dlna", "name", "Kitchen (added)"))
                .post("/api/cast/devices").then().statusCode(201).extract().jsonPath();
        assertEquals(deviceId, added.getString("id"), "the same renderer, known by its UDN");
        assertTrue(added.getBoolean("added"));
        assertEquals("Kitchen (added)", added.getString("name"));
        admin.request().delete("/api/cast/devices/" + deviceId).then().statusCode(204);
        admin.request().delete("/api/cast/devices/" + deviceId).then().statusCode(404);
    }

    private void patch(String location, String body) {
        admin.request().contentType("application/json").body(body).patch(location).then().statusCode(200);
    }

    private void awaitRenderer(String state) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), "gmediarender reports " + state, () -> state.equals(control.transportState()));
    }

    private void awaitSession(String location, String state) throws InterruptedException {
        Await.until(Duration.ofSeconds(20), "session " + state, () -> {
            JsonPath s = admin.request().get(location).jsonPath();
            if ("FAILED".equals(s.getString("state"))) {
                throw new AssertionError("the session failed: " + s.getString("error"));
            }
            return state.equals(s.getString("state"));
        });
    }
}
