package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.Ffprobe;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.Studio;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Broadcasts that end without a Stop click: the broadcaster vanishes, the node is stopped, the node
 * is killed. Each leaves a playable recording and a database that says what happened.
 */
class BroadcastInterruptionIT {

    @Test
    void vanishedBroadcasterEndsTheBroadcastAfterTheGracePeriod() throws Exception {
        Path dataDir = dataDir("vanish-");
        try (NodeProcess node = NodeProcess.start("vanish", Map.of("defiance.data-dir", dataDir.toString(),
                "defiance.live.disconnect-grace", "PT3S"))) {
            String id;
            try (Chromium broadcaster = Chromium.start()) {
                id = Studio.goLive(broadcaster, node.baseUrl(), null);
                awaitSegments(dataDir, id, 3);
            }
            JsonPath ended = Await.until(Duration.ofSeconds(40), "broadcast ended after the grace period", () -> {
                JsonPath s = status(node, id);
                return "ENDED".equals(s.getString("state")) ? s : null;
            });
            assertTrue(ended.getString("recordingUrl") != null, "recording kept");
            assertTrue(Ffprobe.of(dataDir.resolve("media").resolve(id).resolve("recording.m3u8")).durationSeconds() >= 4);
        }
    }

    @Test
    void stoppingTheNodeEndsBroadcastsCleanly() throws Exception {
        Path dataDir = dataDir("shutdown-");
        Map<String, String> settings = Map.of("defiance.data-dir", dataDir.toString());
        String id;
        try (Chromium broadcaster = Chromium.start()) {
            NodeProcess node = NodeProcess.start("shutdown-1", settings);
            id = Studio.goLive(broadcaster, node.baseUrl(), null);
            awaitSegments(dataDir, id, 3);
            node.stop();
            assertTrue(node.log().contains("broadcast " + id + " ended (the node shut down)"), node.log());
        }
        assertNoFfmpegFor(dataDir);
        try (NodeProcess node = NodeProcess.start("shutdown-2", settings)) {
            JsonPath s = status(node, id);
            assertEquals("ENDED", s.getString("state"));
            assertTrue(Files.readString(dataDir.resolve("media").resolve(id).resolve("recording.m3u8")).contains("#EXT-X-ENDLIST"));
        }
    }

    @Test
    void aKilledNodeLeavesAPlayableRecordingAndAConsistentDatabase() throws Exception {
        Path dataDir = dataDir("crash-live-");
        Map<String, String> settings = Map.of("defiance.data-dir", dataDir.toString());
        String id;
        try (Chromium broadcaster = Chromium.start()) {
            NodeProcess node = NodeProcess.start("crash-live-1", settings);
            id = Studio.goLive(broadcaster, node.baseUrl(), null);
            awaitSegments(dataDir, id, 3);
            node.kill();
        }
        // FFmpeg notices its inputs closing and ends by itself
        Await.until(Duration.ofSeconds(20), "FFmpeg gone after the crash", () -> noFfmpegFor(dataDir));
        try (NodeProcess node = NodeProcess.start("crash-live-2", settings)) {
            JsonPath s = status(node, id);
            assertEquals("FAILED", s.getString("state"));
            assertEquals("the node stopped during the broadcast", s.getString("failureReason"));
            Ffprobe probe = Ffprobe.of(dataDir.resolve("media").resolve(id).resolve("recording.m3u8"));
            assertTrue(probe.codecs().contains("h264") && probe.codecs().contains("aac"), probe.codecs().toString());
            assertTrue(probe.durationSeconds() >= 4, "recorded before the crash: " + probe.durationSeconds());
            given().get(node.baseUrl() + "/watch/" + id).then().statusCode(200);
        }
    }

    private static Path dataDir(String prefix) throws Exception {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    }


    private static void awaitSegments(Path dataDir, String id, int count) throws InterruptedException {
        Path playlist = dataDir.resolve("media").resolve(id).resolve("source/index.m3u8");
        Await.until(Duration.ofSeconds(60), count + " segments", () -> {
            try {
                return Files.exists(playlist) && Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count() >= count;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static JsonPath status(NodeProcess node, String id) {
        return given().get(node.baseUrl() + "/api/broadcasts/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static boolean noFfmpegFor(Path dataDir) {
        return ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dataDir.toString()));
    }

    private static void assertNoFfmpegFor(Path dataDir) {
        assertTrue(noFfmpegFor(dataDir), "an FFmpeg outlived the node");
    }
}
