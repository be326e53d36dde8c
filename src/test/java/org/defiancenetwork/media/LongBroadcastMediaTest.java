package org.defiancenetwork.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A broadcast that has run for a long time: FFmpeg's event playlist on disk lists every segment since
 * the start, but viewers are served only the live window, its hashes, revalidated and compressed.
 */
@QuarkusTest
class LongBroadcastMediaTest {

    static final int WRITTEN = 200;

    @Inject
    MediaLayout layout;

    @Inject
    TranscoderConfig transcoder;

    Path rendition;

    @BeforeEach
    void longEventPlaylist() throws Exception {
        rendition = Files.createDirectories(layout.broadcastDir(id()).resolve("360p"));
        for (int i = 0; i <= WRITTEN; i++) {
            Files.writeString(rendition.resolve(segment(i)), "segment " + i + " of a long broadcast");
        }
        Files.writeString(rendition.resolve("index.m3u8"), eventPlaylist(WRITTEN, false));
    }

    /** A fresh broadcast per test, so no test sees what another one cached. */
    private String id;

    private String id() {
        if (id == null) {
            id = "longbroadcast" + Long.toString(System.nanoTime() % 100_000, 36);
        }
        return id;
    }

    private String url(String file) {
        return "/media/" + id() + "/360p/" + file;
    }

    @Test
    void liveViewersGetOnlyTheWindowWithItsMediaSequence() {
        int window = transcoder.liveWindowSegments();
        String live = given().get(url("index.m3u8")).then().statusCode(200)
                .contentType("application/vnd.apple.mpegurl").extract().asString();

        List<String> uris = live.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertEquals(window, uris.size(), live);
        assertEquals(segment(WRITTEN - window), uris.get(0), live);
        assertEquals(segment(WRITTEN - 1), uris.get(window - 1), live);
        assertTrue(live.contains("#EXT-X-MEDIA-SEQUENCE:" + (WRITTEN - window) + "\n"), live);
        // one discontinuity lies before the window (segment 50), one inside it
        assertTrue(live.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), live);
        assertTrue(live.contains("#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:" + dateTime(WRITTEN - 3)), live);
        assertTrue(live.contains("#EXT-X-TARGETDURATION:2\n"), live);
        assertFalse(live.contains("#EXT-X-PLAYLIST-TYPE:EVENT"), "an EVENT playlist may never drop segments: " + live);
        assertFalse(live.contains("#EXT-X-ENDLIST"), live);
    }

    @Test
    void theWindowSlidesAsFfmpegAppends() throws Exception {
        int window = transcoder.liveWindowSegments();
        given().get(url("index.m3u8")).then().statusCode(200);
        Files.writeString(rendition.resolve("index.m3u8"), eventPlaylist(WRITTEN + 1, false));
        String live = given().get(url("index.m3u8")).then().statusCode(200).extract().asString();
        assertTrue(live.contains("#EXT-X-MEDIA-SEQUENCE:" + (WRITTEN + 1 - window) + "\n"), live);
        assertTrue(live.contains(segment(WRITTEN) + "\n"), live);
    }

    @Test
    void anUnchangedPlaylistIsRevalidatedWith304() throws Exception {
        Response first = given().get(url("index.m3u8"));
        first.then().statusCode(200).header("Cache-Control", "no-cache")
                // polled by every viewer every segment: no page headers, only what protects a file
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", nullValue())
                .header("X-Frame-Options", nullValue());
        String etag = first.header("ETag");
        assertNotNull(etag, "playlists carry an ETag");

        Response again = given().header("If-None-Match", etag).get(url("index.m3u8"));
        again.then().statusCode(304).header("ETag", etag);
        assertEquals("", again.asString());

        Files.writeString(rendition.resolve("index.m3u8"), eventPlaylist(WRITTEN + 1, false));
        Response changed = given().header("If-None-Match", etag).get(url("index.m3u8"));
        changed.then().statusCode(200);
        assertNotEquals(etag, changed.header("ETag"));
    }

    @Test
    void textAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        String plain = given().get(url("index.m3u8")).then().statusCode(200).extract().asString();

        HttpResponse<byte[]> zipped = raw(url("index.m3u8"), Map.of("Accept-Encoding", "gzip, deflate"));
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(zipped.headers().firstValue("Vary").orElse("").toLowerCase(Locale.ROOT).contains("accept-encoding"));
        assertEquals(plain, gunzip(zipped.body()));

        HttpResponse<byte[]> refused = raw(url("index.m3u8"), Map.of("Accept-Encoding", "gzip;q=0, identity"));
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(plain, new String(refused.body(), StandardCharsets.UTF_8));
    }

    @Test
    void liveHashesCoverTheWindowAndAreRevalidated() throws Exception {
        int window = transcoder.liveWindowSegments();
        Response first = given().get(url("hashes.json"));
        first.then().statusCode(200).contentType("application/json").header("Cache-Control", "no-cache");
        JsonPath json = first.jsonPath();
        assertEquals("SHA-256", json.getString("algorithm"));
        Map<String, String> segments = json.getMap("segments");
        assertEquals(window, segments.size(), segments.toString());
        for (int i = WRITTEN - window; i < WRITTEN; i++) {
            assertEquals(sha256(rendition.resolve(segment(i))), segments.get(segment(i)), segment(i));
        }
        assertTrue(first.asByteArray().length < 100 * (window + 1), "bounded by the window, not the broadcast's age");

        String etag = first.header("ETag");
        assertNotNull(etag);
        given().header("If-None-Match", etag).get(url("hashes.json")).then().statusCode(304);

        Files.writeString(rendition.resolve("index.m3u8"), eventPlaylist(WRITTEN + 1, false));
        Map<String, String> next = given().header("If-None-Match", etag).get(url("hashes.json"))
                .then().statusCode(200).extract().jsonPath().getMap("segments");
        assertEquals(sha256(rendition.resolve(segment(WRITTEN))), next.get(segment(WRITTEN)));
        assertFalse(next.containsKey(segment(WRITTEN - window)), "slid out with the playlist window");
    }

    @Test
    void anEndedBroadcastServesTheWholePlaylistAndHashes() throws Exception {
        String live = given().get(url("index.m3u8")).then().statusCode(200).extract().asString();
        assertFalse(live.contains(segment(0) + "\n"), "live: only the window");

        Files.writeString(rendition.resolve("index.m3u8"), eventPlaylist(WRITTEN, true));
        new SegmentHashes(rendition).update();
        Response ended = given().get(url("index.m3u8"));
        String full = ended.then().statusCode(200).extract().asString();
        assertEquals(eventPlaylist(WRITTEN, true), full, "the recording as FFmpeg wrote it");
        assertNotNull(ended.header("ETag"));
        given().header("If-None-Match", ended.header("ETag")).get(url("index.m3u8")).then().statusCode(304);

        Map<String, String> all = given().get(url("hashes.json")).then().statusCode(200)
                .extract().jsonPath().getMap("segments");
        assertEquals(WRITTEN, all.size(), "a recording is checked against every segment");
    }

    @Test
    void segmentsKeepRangesAndPathTricksStay404() {
        byte[] whole = given().get(url(segment(7))).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable").extract().asByteArray();
        byte[] part = given().header("Range", "bytes=2-5").get(url(segment(7))).then().statusCode(206)
                .header("Content-Range", "bytes 2-5/" + whole.length).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 2, 6), part);
        given().urlEncodingEnabled(false).get("/media/" + id() + "/360p/..%2f..%2fhashes.json").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/media/" + id() + "/%2e%2e/360p/hashes.json").then().statusCode(404);
        given().get("/media/" + id() + "/nosuchrendition/hashes.json").then().statusCode(404);
    }

    private HttpResponse<byte[]> raw(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static String segment(int i) {
        return String.format(Locale.ROOT, "seg%05d.ts", i);
    }

    static String dateTime(int i) {
        return String.format(Locale.ROOT, "2026-11-24T18:%02d:%02d.000+0000", (i * 2) / 60, (i * 2) % 60);
    }

    /** What FFmpeg writes with -hls_list_size 0 -hls_playlist_type event and program_date_time. */
    static String eventPlaylist(int segments, boolean ended) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (int i = 0; i < segments; i++) {
            if (i == 50 || i == WRITTEN - 3) {
                p.append("#EXT-X-DISCONTINUITY\n");
            }
            p.append("#EXT-X-PROGRAM-DATE-TIME:").append(dateTime(i)).append('\n')
                    .append("#EXTINF:2.000000,\n").append(segment(i)).append('\n');
        }
        return p.append(ended ? "#EXT-X-ENDLIST\n" : "").toString();
    }
}
