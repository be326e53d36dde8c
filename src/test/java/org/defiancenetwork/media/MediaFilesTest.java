package org.defiancenetwork.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;

@QuarkusTest
class MediaFilesTest {

    static final String ID = "mediatest0000001";

    @Inject
    MediaLayout layout;

    byte[] segment;

    @BeforeEach
    void files() throws Exception {
        Path dir = Files.createDirectories(layout.broadcastDir(ID).resolve("source"));
        Files.writeString(layout.broadcastDir(ID).resolve("master.m3u8"), "#EXTM3U\n#EXT-X-VERSION:6\n");
        segment = new byte[1000];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (byte) i;
        }
        Files.write(dir.resolve("seg00000.ts"), segment);
        Files.writeString(layout.broadcastDir(ID).resolve("transcoder.log"), "private");
        Path secret = Files.writeString(layout.root().getParent().resolve("secret.m3u8"), "#EXTM3U\nsecret\n");
        Path link = layout.broadcastDir(ID).resolve("link.m3u8");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, secret);
    }

    @Test
    void playlistsAreNeverCached() {
        given().get("/media/" + ID + "/master.m3u8").then().statusCode(200)
                .contentType(equalTo("application/vnd.apple.mpegurl"))
                .header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", "*")
                .body(containsString("#EXTM3U"));
    }

    @Test
    void segmentsAreCacheableForever() {
        byte[] body = given().get("/media/" + ID + "/source/seg00000.ts").then().statusCode(200)
                .contentType(equalTo("video/mp2t"))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Accept-Ranges", "bytes")
                .extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(segment, body);
    }

    @Test
    void rangeRequestsGetPartialContent() {
        byte[] part = given().header(new Header("Range", "bytes=10-19")).get("/media/" + ID + "/source/seg00000.ts")
                .then().statusCode(206)
                .header("Content-Range", "bytes 10-19/1000")
                .header("Content-Length", "10")
                .extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(segment, 10, 20), part);
        given().header(new Header("Range", "bytes=-5")).get("/media/" + ID + "/source/seg00000.ts")
                .then().statusCode(206).header("Content-Range", "bytes 995-999/1000");
    }

    @Test
    void rangeBeyondTheFileIs416() {
        given().header(new Header("Range", "bytes=5000-")).get("/media/" + ID + "/source/seg00000.ts")
                .then().statusCode(416).header("Content-Range", "bytes */1000");
    }

    @Test
    void headAnswersWithoutABody() {
        given().head("/media/" + ID + "/source/seg00000.ts").then().statusCode(200).header("Content-Length", "1000");
    }

    @Test
    void pathTricksAre404() {
        String[] attacks = {
            "/media/" + ID + "/../../secret.m3u8",
            "/media/" + ID + "/%2e%2e/%2e%2e/secret.m3u8",
            "/media/" + ID + "/%2E%2E%2F%2E%2E%2Fsecret.m3u8",
            "/media/" + ID + "/source%2f..%2f..%2f..%2fsecret.m3u8",
            "/media/" + ID + "/..%5c..%5csecret.m3u8",
            "/media/%2e%2e/secret.m3u8",
            "/media/" + ID + "/link.m3u8",
            "/media/" + ID + "/transcoder.log",
            "/media/" + ID + "/.%2e/secret.m3u8",
            "/media/" + ID + "/source/seg00000.ts%00.m3u8",
        };
        for (String attack : attacks) {
            given().urlEncodingEnabled(false).get(attack).then()
                    .statusCode(404)
                    .body(not(containsString("secret")));
        }
    }

    @Test
    void missingMediaIsAnHtml404() {
        given().accept("text/html").get("/media/" + ID + "/source/seg09999.ts").then().statusCode(404)
                .contentType(containsString("text/html"));
    }
}
