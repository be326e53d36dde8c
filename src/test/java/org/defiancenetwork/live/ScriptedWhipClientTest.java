package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.Ffprobe;
import org.defiancenetwork.testing.JavaWhipClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Any WHIP client works: here webrtc-java itself, sending video only, with a stream key. */
@QuarkusTest
class ScriptedWhipClientTest {

    @Inject
    WebRtcStack webrtc;

    @Inject
    MediaLayout layout;

    @Test
    void javaClientWithAStreamKeyBroadcastsAndLeavesARecording() throws Exception {
        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        try (JavaWhipClient client = new JavaWhipClient(webrtc.factory(), 640, 360, 30)) {
            Response created = given().header("Authorization", "Bearer " + owner.streamKey())
                    .contentType("application/sdp").body(client.offer())
                    .queryParam("title", "From a script")
                    .post(owner.whipUrl());
            created.then().statusCode(201);
            client.answer(created.asString());
            String id = created.header("X-Defiance-Broadcast");

            JsonPath live = Await.until(Duration.ofSeconds(30), "frames from the Java client", () -> {
                JsonPath s = given().get("/api/broadcasts/" + id).jsonPath();
                return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > 60 ? s : null;
            });
            assertEquals("From a script", live.getString("title"));
            assertEquals(640, live.getInt("ingest.width"));
            Path playlist = layout.broadcastDir(id).resolve("source/index.m3u8");
            Await.until(Duration.ofSeconds(30), "segments", () -> Files.exists(playlist)
                    && Files.readString(playlist).split("#EXTINF").length > 3);

            // DELETE answers once ingest is closed; the recording is finished in the background
            given().header("Authorization", "Bearer " + owner.streamKey()).delete(created.header("Location"))
                    .then().statusCode(200);
            given().header("Authorization", "Bearer " + owner.streamKey()).delete(created.header("Location"))
                    .then().statusCode(404);
            JsonPath ended = Await.until(Duration.ofSeconds(90), "the broadcast to end with a recording", () -> {
                JsonPath s = given().get("/api/broadcasts/" + id).jsonPath();
                return "ENDED".equals(s.getString("state")) && s.getString("recordingUrl") != null ? s : null;
            });
            assertTrue(ended.getLong("durationMs") > 0, "recording has a duration");
            given().get(ended.getString("recordingUrl")).then().statusCode(200);
            Ffprobe probe = Ffprobe.of(layout.broadcastDir(id).resolve("recording.m3u8"));
            assertTrue(probe.codecs().contains("h264"), probe.codecs().toString());
            assertTrue(probe.codecs().contains("aac"), "silent audio track keeps players happy: " + probe.codecs());
            assertEquals(360, probe.json().getInt("streams.find { it.codec_type == 'video' }.height"));
        }
    }
}
