package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.catalogue;
import static org.defiancenetwork.audigy.AudioTesting.creator;
import static org.defiancenetwork.audigy.AudioTesting.entry;
import static org.defiancenetwork.audigy.AudioTesting.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Ffprobe;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Verified playback against a real origin serving real audio (FFmpeg-made MP3 and M4A): the node
 * fetches, checks size and checksums, serves its copy with Range, refuses a tampered file, falls
 * back to a backup URI, keeps its cache under the cap by evicting the least recently played.
 */
@QuarkusTest
class AudioPlaybackTest {

    static Path dir;
    static AudioOrigin origin;
    static Path tone;
    static Path noise;

    @BeforeAll
    static void startOrigin() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "audio-origin-");
        tone = AudioSamples.mp3(dir, "tone.mp3", 8, 440, 64);
        noise = AudioSamples.m4a(dir, "noise.m4a", 8);
        origin = AudioOrigin.start(dir);
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        if (origin != null) {
            origin.close();
        }
    }

    static void importCatalogue(WebSession creator, List<Map<String, Object>> entries) throws Exception {
        creator.request().contentType("application/json").body(catalogue(unique("Playback "), entries))
                .post("/api/audio/catalogues").then().statusCode(201);
    }

    /** Asks for playback until the node has finished fetching; the final answer. */
    static JsonPath playback(String id) throws InterruptedException {
        return Await.until(Duration.ofSeconds(90), "the node to finish fetching " + id, () -> {
            JsonPath answer = given().get("/api/audio/entries/" + id + "/playback").then().statusCode(200).extract().jsonPath();
            return answer.getString("state").equals("fetching") ? null : answer;
        });
    }

    @Test
    void verifiedCopyIsServedWithRangeRequests() throws Exception {
        String mp3 = UUID.randomUUID().toString();
        String m4a = UUID.randomUUID().toString();
        int fetchesBefore = origin.requests("tone.mp3").size();
        importCatalogue(creator(), List.of(
                entry(mp3, "A tone", List.of(origin.url("tone.mp3")), null, tone),
                entry(m4a, "Some noise", List.of(origin.url("noise.m4a")), null, noise)));

        for (Object[] c : new Object[][] { { mp3, tone, "audio/mpeg", "mp3" }, { m4a, noise, "audio/mp4", "aac" } }) {
            String id = (String) c[0];
            Path original = (Path) c[1];
            JsonPath ready = playback(id);
            assertEquals("ready", ready.getString("state"), ready.prettify());
            assertEquals(true, ready.getBoolean("verified"));
            assertEquals("/audio/file/" + id, ready.getString("src"));

            byte[] served = given().get("/audio/file/" + id).then().statusCode(200)
                    .contentType((String) c[2])
                    .header("Accept-Ranges", "bytes")
                    .header("ETag", "\"" + Hashing.sha256Hex(original) + "\"")
                    .header("X-Audio-Verified", "size+checksum")
                    .extract().asByteArray();
            assertArrayEquals(Files.readAllBytes(original), served);
            Path copy = Files.write(dir.resolve(id + ".served"), served);
            assertEquals(List.of(c[3]), Ffprobe.of(copy).codecs());

            long length = Files.size(original);
            byte[] part = given().header("Range", "bytes=1000-1999").get("/audio/file/" + id).then().statusCode(206)
                    .header("Content-Range", "bytes 1000-1999/" + length)
                    .header("Content-Length", "1000")
                    .extract().asByteArray();
            assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(original), 1000, 2000), part);
            given().header("Range", "bytes=-100").get("/audio/file/" + id).then().statusCode(206)
                    .header("Content-Range", "bytes " + (length - 100) + "-" + (length - 1) + "/" + length);
            given().header("Range", "bytes=" + length + "-").get("/audio/file/" + id).then().statusCode(416)
                    .header("Content-Range", "bytes */" + length);

            given().get("/api/audio/entries/" + id).then().body("copy.state", equalTo("VERIFIED"))
                    .body("copy.sourceUri", equalTo(origin.url(original.getFileName().toString())));
        }
        assertEquals(fetchesBefore + 1, origin.requests("tone.mp3").size(), "fetched once, then served from the node's copy");
    }

    @Test
    void tamperedOriginFileIsDetectedAndNeverServed() throws Exception {
        Path good = AudioSamples.mp3(dir, "tampered-good.mp3", 3, 660, 64);
        byte[] bytes = Files.readAllBytes(good);
        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 0x55;
        origin.put("tampered.mp3", tampered);
        origin.put("truncated.mp3", Arrays.copyOf(bytes, bytes.length - 10));
        String id = UUID.randomUUID().toString();
        String shorter = UUID.randomUUID().toString();
        importCatalogue(creator(), List.of(
                entry(id, "Tampered tone", List.of(origin.url("tampered.mp3")), null, good),
                entry(shorter, "Truncated tone", List.of(origin.url("truncated.mp3")), null, good)));

        JsonPath answer = playback(id);
        assertEquals("mismatch", answer.getString("state"));
        assertEquals(origin.url("tampered.mp3"), answer.getString("sourceUri"));
        assertTrue(answer.getString("detail").startsWith("checksum mismatch: the sha256 of the file from " + origin.url("tampered.mp3")
                + " is " + Hashing.sha256Hex(tampered) + ", the catalogue says " + Hashing.sha256Hex(good)), answer.getString("detail"));

        given().get("/audio/file/" + id).then().statusCode(502)
                .body(containsString("checksum mismatch")).body(containsString(origin.url("tampered.mp3")));
        given().get("/audio/entry/" + id).then().statusCode(200)
                .body(containsString("data-state=\"MISMATCH\""))
                .body(containsString("checksum mismatch"))
                .body(containsString("id=\"entry-mismatch-uri\">" + origin.url("tampered.mp3")));

        JsonPath truncated = playback(shorter);
        assertEquals("mismatch", truncated.getString("state"));
        assertTrue(truncated.getString("detail").contains("size mismatch: the file from " + origin.url("truncated.mp3") + " is "
                + (bytes.length - 10) + " bytes, the catalogue says " + bytes.length), truncated.getString("detail"));
    }

    @Test
    void fallsBackToABackupUriWhenTheFirstOriginIsDown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closed + "/tone.mp3";
        origin.put("tampered-first.mp3", new byte[] { 1, 2, 3 });
        String id = UUID.randomUUID().toString();
        importCatalogue(creator(), List.of(entry(id, "Backed-up tone", List.of(down, origin.url("tampered-first.mp3")),
                List.of(origin.url("tone.mp3")), tone)));

        JsonPath answer = playback(id);
        assertEquals("ready", answer.getString("state"), answer.prettify());
        assertEquals(origin.url("tone.mp3"), answer.getString("sourceUri"));
        assertTrue(answer.getString("detail").contains(down + ": "), answer.getString("detail"));
        assertTrue(answer.getString("detail").contains("size mismatch: the file from " + origin.url("tampered-first.mp3")),
                answer.getString("detail"));
        assertArrayEquals(Files.readAllBytes(tone), given().get("/audio/file/" + id).then().statusCode(200).extract().asByteArray());
    }

    @Test
    void ipfsWithoutAGatewayIsUnavailableWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        importCatalogue(creator(), List.of(entry(id, "Only on IPFS",
                List.of("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.mp3"), null, tone)));
        JsonPath answer = playback(id);
        assertEquals("unavailable", answer.getString("state"));
        assertTrue(answer.getString("detail").contains("ipfs:// needs an IPFS gateway and this node has none (defiance.audio.ipfs-gateway)"),
                answer.getString("detail"));
        given().get("/audio/file/" + id).then().statusCode(502).body(containsString("defiance.audio.ipfs-gateway"));
    }

    @Test
    void leastRecentlyPlayedCopyIsEvictedWhenTheCacheIsFull() throws Exception {
        // Three 30 s files at 128 kbit/s are about 480 kB each: two fit the 1 MiB test cache, three do not.
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path file = AudioSamples.mp3(dir, "big" + i + ".mp3", 30, 300 + 100 * i, 128);
            entries.add(entry(ids.get(i), "Big " + i, List.of(origin.url("big" + i + ".mp3")), null, file));
        }
        importCatalogue(creator(), entries);
        for (String id : ids) {
            assertEquals("ready", playback(id).getString("state"));
            given().header("Range", "bytes=0-99").get("/audio/file/" + id).then().statusCode(206);
        }
        given().get("/api/audio/entries/" + ids.get(0)).then().body("copy.state", equalTo("EVICTED"))
                .body("copy.detail", containsString("least recently played"));
        given().get("/api/audio/entries/" + ids.get(1)).then().body("copy.state", equalTo("VERIFIED"));
        given().get("/api/audio/entries/" + ids.get(2)).then().body("copy.state", equalTo("VERIFIED"));
        assertTrue(!Files.exists(dataDir().resolve("audio/cache/" + ids.get(0))), "the evicted file is gone from disk");

        assertEquals("ready", playback(ids.get(0)).getString("state"), "an evicted entry is fetched again when played");
    }

    @Test
    void anEntryOutsideItsScheduleIsNotServed() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> closed = entry(id, "Gone", List.of(origin.url("tone.mp3")), null, tone);
        closed.put("schedule", Map.of("available_from", "2020-01-01T00:00:00Z", "available_until", "2020-02-01T00:00:00Z",
                "timezone", "Europe/Berlin"));
        importCatalogue(creator(), List.of(closed));
        given().get("/api/audio/entries/" + id + "/playback").then().statusCode(200)
                .body("state", equalTo("closed")).body("detail", containsString("No longer available"));
        given().get("/audio/file/" + id).then().statusCode(403).body(containsString("No longer available"));
    }

    static Path dataDir() {
        return Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("defiance.data-dir", String.class));
    }
}
