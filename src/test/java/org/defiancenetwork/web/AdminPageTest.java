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
import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminPageTest {

    @Inject
    NodeConfig node;

    @Test
    void showsVersionUptimeStorageDatabaseMessagingAndFfmpeg() throws Exception {
        String dataDir = node.dataPath().toAbsolutePath().normalize().toString();
        Admins.session().request().accept("text/html").get("/admin")
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
        Admins.session().request().get("/api/node")
                .then().statusCode(200)
                .body("nodeName", equalTo(node.nodeName()))
                .body("dataDir", equalTo(node.dataPath().toAbsolutePath().normalize().toString()))
                .body("databaseKind", equalTo("h2"))
                .body("database", startsWith("H2 "))
                .body("messaging", equalTo("in-memory"))
                .body("starts", greaterThan(0))
                .body("ffmpegVersion", equalTo(installedFfmpegVersion()));
    }

    @Test
    void anonymousVisitorsAreSentToSignInAndGetNoStatus() {
        given().redirects().follow(false).accept("text/html").get("/admin")
                .then().statusCode(302).header("Location", startsWith("/signin?next="));
        given().get("/api/node").then().statusCode(401).contentType("application/problem+json");
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("data-nav=\"admin\"")));
    }

    @Test
    void signedInAccountsWithoutTheAdminRoleAreRefused() {
        WebSession broadcaster = WebSession.signUp("nonadmin" + System.nanoTime() % 100000, "a long passphrase");
        broadcaster.request().accept("text/html").get("/admin")
                .then().statusCode(403).body(containsString("may not"))
                .body(org.hamcrest.Matchers.not(containsString(node.dataPath().toAbsolutePath().normalize().toString())));
        broadcaster.request().get("/api/node").then().statusCode(403).contentType("application/problem+json");
        broadcaster.page("/").then().body(org.hamcrest.Matchers.not(containsString("data-nav=\"admin\"")));
        Admins.session().page("/").then().body(containsString("data-nav=\"admin\""));
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
