package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.Ffprobe;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.Scheduling;
import org.defiancenetwork.testing.Studio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.restassured.path.json.JsonPath;

/**
 * The product's heart, end to end, in Debian's headless Chromium with a fake camera: sign up, go
 * live from /broadcast, watch on /watch/{id} in a second browser, stop, replay the recording.
 */
class GoLiveBrowserIT {

    static Path dataDir;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "golive-");
        node = NodeProcess.start("golive", Map.of("defiance.data-dir", dataDir.toString()));
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
        // after a clean shutdown no FFmpeg of this node may be left
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dataDir.toString())),
                "an FFmpeg outlived the node");
    }

    @Test
    void broadcasterGoesLiveViewerWatchesAndTheRecordingRemains() throws Exception {
        try (Chromium broadcaster = Chromium.start(); Chromium viewer = Chromium.start()) {
            String broadcastId = Studio.goLive(broadcaster, node.baseUrl(), "Owls at dusk");

            JsonPath live = Await.until(Duration.ofSeconds(30), "server receives video and audio", () -> {
                JsonPath s = status(broadcastId);
                return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > 30
                        && s.getLong("ingest.audioSamplesReceived") > 48_000 ? s : null;
            });
            Instant liveSince = Instant.parse(live.getString("startedAt"));
            Await.until(Duration.ofSeconds(30), "master playlist", () -> given().get(node.baseUrl() + "/media/" + broadcastId + "/master.m3u8").statusCode() == 200);
            given().get(node.baseUrl() + "/media/" + broadcastId + "/master.m3u8").then()
                    .body(containsString("source/index.m3u8")).body(containsString("RESOLUTION="));

            viewer.driver().get(node.baseUrl() + "/watch/" + broadcastId);
            double first = viewer.await(Duration.ofSeconds(40), "the viewer's video plays", d -> {
                double t = Studio.currentTime(viewer);
                return t > 1 ? t : null;
            });
            viewer.await(Duration.ofSeconds(20), "currentTime keeps advancing", d -> Studio.currentTime(viewer) > first + 2);
            assertTrue(viewer.driver().findElement(By.id("live-badge")).isDisplayed(), "live badge shown");
            viewer.await(Duration.ofSeconds(20), "viewer counted", d -> status(broadcastId).getInt("viewers") >= 1);

            broadcaster.await(Duration.ofSeconds(10), "health panel shows server frames",
                    d -> Studio.text(broadcaster, "health-frames").matches("[1-9][0-9]*"));
            transcoderRunsAtOrdinaryPriority();

            Path sourcePlaylist = dataDir.resolve("media").resolve(broadcastId).resolve("source/index.m3u8");
            Await.until(Duration.ofSeconds(60), "ten segments recorded",
                    () -> Files.exists(sourcePlaylist) && countSegments(sourcePlaylist) >= 10);

            broadcaster.driver().findElement(By.id("stop")).click();
            Instant stoppedAt = Instant.now();
            JsonPath ended = Await.until(Duration.ofSeconds(40), "broadcast ended with a recording", () -> {
                JsonPath s = status(broadcastId);
                return "ENDED".equals(s.getString("state")) && s.getString("recordingUrl") != null ? s : null;
            });

            String recording = given().get(node.baseUrl() + ended.getString("recordingUrl")).then().statusCode(200)
                    .extract().asString();
            assertTrue(recording.contains("#EXT-X-ENDLIST"), recording);
            assertTrue(recording.contains("#EXT-X-PLAYLIST-TYPE:VOD"), recording);
            given().get(node.baseUrl() + ended.getString("posterUrl")).then().statusCode(200).contentType("image/jpeg");

            Ffprobe probe = Ffprobe.of(dataDir.resolve("media").resolve(broadcastId).resolve("recording.m3u8"));
            assertTrue(probe.codecs().contains("h264"), "H.264 video: " + probe.codecs());
            assertTrue(probe.codecs().contains("aac"), "AAC audio: " + probe.codecs());
            double timeLive = Duration.between(liveSince, stoppedAt).toMillis() / 1000.0;
            assertEquals(timeLive, probe.durationSeconds(), timeLive * 0.10,
                    "recording lasts as long as the broadcast was live");
            assertEquals(probe.startTime("video"), probe.startTime("audio"), 0.1, "audio and video start together");

            viewer.await(Duration.ofSeconds(30), "the watch page turns to the recording",
                    d -> viewer.driver().findElement(By.id("ended-badge")).isDisplayed());
            given().get(node.baseUrl() + "/").then().body(containsString("/watch/" + broadcastId));
            given().get(node.baseUrl() + "/c/" + ended.getString("channelSlug")).then()
                    .body(containsString("/watch/" + broadcastId)).body(containsString("Owls at dusk"));
        }
    }

    @Test
    void killedTranscoderFailsTheBroadcastAndKeepsWhatWasRecorded() throws Exception {
        try (Chromium broadcaster = Chromium.start()) {
            String broadcastId = Studio.goLive(broadcaster, node.baseUrl(), "Fragile owls");
            Path media = dataDir.resolve("media").resolve(broadcastId);
            Await.until(Duration.ofSeconds(60), "three segments written",
                    () -> Files.exists(media.resolve("source/index.m3u8")) && countSegments(media.resolve("source/index.m3u8")) >= 3);

            ProcessHandle ffmpeg = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                    .filter(p -> p.info().commandLine().orElse("").contains(media.toString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no FFmpeg for " + broadcastId));
            ffmpeg.destroyForcibly();

            JsonPath failed = Await.until(Duration.ofSeconds(30), "broadcast marked FAILED", () -> {
                JsonPath s = status(broadcastId);
                return "FAILED".equals(s.getString("state")) ? s : null;
            });
            assertTrue(failed.getString("failureReason").contains("transcoder"), failed.getString("failureReason"));
            broadcaster.await(Duration.ofSeconds(10), "the broadcaster is told",
                    d -> Studio.text(broadcaster, "broadcast-error").contains("stopped the broadcast"));

            Ffprobe probe = Ffprobe.of(media.resolve("recording.m3u8"));
            assertTrue(probe.codecs().contains("h264") && probe.codecs().contains("aac"), probe.codecs().toString());
            assertTrue(probe.durationSeconds() >= 4, "segments written before the kill still play: " + probe.durationSeconds());
            String live = Files.readString(media.resolve("source/index.m3u8"));
            assertTrue(live.contains("#EXT-X-ENDLIST"), "live playlist closed so players stop");
        }
    }


    /**
     * WebRTC gives its media threads a real-time policy, which Linux passes on to threads and
     * processes they create: FFmpeg and the node's own threads must not inherit it.
     */
    private static void transcoderRunsAtOrdinaryPriority() throws Exception {
        List<ProcessHandle> ffmpegs = ProcessHandle.of(node.pid()).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("ffmpeg")).toList();
        assertFalse(ffmpegs.isEmpty(), "the node runs an FFmpeg");
        for (ProcessHandle ffmpeg : ffmpegs) {
            assertEquals(Scheduling.SCHED_OTHER, Scheduling.policy(ffmpeg.pid()), "FFmpeg scheduling policy");
        }
        Map<String, Integer> ours = Scheduling.threadPolicies(node.pid()).entrySet().stream()
                .filter(e -> e.getKey().matches("(live-|video-writer|audio-writer|transcoder-|executor-thread|vert\\.x).*"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertFalse(ours.isEmpty(), "the node's own threads are listed");
        ours.forEach((thread, policy) -> assertEquals(Scheduling.SCHED_OTHER, policy, "scheduling policy of " + thread));
    }

    private static JsonPath status(String broadcastId) {
        return given().get(node.baseUrl() + "/api/broadcasts/" + broadcastId).then().statusCode(200).extract().jsonPath();
    }



    private static long countSegments(Path playlist) {
        try {
            return Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
