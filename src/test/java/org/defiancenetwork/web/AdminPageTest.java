package org.defiancenetwork.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.defiancenetwork.platform.NodeConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminPageTest {

    @Inject
    NodeConfig node;

    @Test
    void showsVersionUptimeStorageDatabaseMessagingAndFfmpeg() throws Exception {
        String dataDir = node.dataPath().toAbsolutePath().normalize().toString();
        given().accept("text/html").get("/admin")
                .then().statusCode(200)
                .body(containsString("id=\"status-version\""))
                .body(containsString("id=\"status-uptime\""))
                .body(containsString(dataDir))
                .body(containsString("id=\"status-free-disk\""))
                .body(containsString(">h2 (H2 "))
                .body(containsString("<dd id=\"status-messaging\">in-memory</dd>"))
                .body(containsString("<dd id=\"status-ffmpeg\">" + installedFfmpegVersion() + "</dd>"));
    }

    @Test
    void nodeApiReportsTheSameFacts() throws Exception {
        given().get("/api/node")
                .then().statusCode(200)
                .body("nodeName", equalTo(node.nodeName()))
                .body("dataDir", equalTo(node.dataPath().toAbsolutePath().normalize().toString()))
                .body("databaseKind", equalTo("h2"))
                .body("database", startsWith("H2 "))
                .body("messaging", equalTo("in-memory"))
                .body("starts", greaterThan(0))
                .body("ffmpegVersion", equalTo(installedFfmpegVersion()));
    }

    /** Asks FFmpeg itself, so the test does not repeat the node's parsing. */
    private static String installedFfmpegVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // "ffmpeg version 5.1.9-0+deb12u1 Copyright ..." → third word
        return out.split("\\s+")[2];
    }
}
