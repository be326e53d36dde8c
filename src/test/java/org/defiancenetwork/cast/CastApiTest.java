package org.defiancenetwork.cast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.Recordings;
import org.defiancenetwork.testing.Ffprobe;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** /api/cast's contract: who may use it (the default, admins), and precise answers to bad requests. */
@QuarkusTest
class CastApiTest {

    @Inject
    MediaLayout layout;
    @Inject
    Recordings recordings;

    @Test
    void onlyAdminsMayCastByDefault() {
        WebSession account = CastFixtures.account();
        WebSession admin = CastFixtures.admin();
        String[][] endpoints = { { "GET", "/api/cast/devices" }, { "POST", "/api/cast/devices" }, { "DELETE", "/api/cast/devices/x" },
                { "GET", "/api/cast/sessions" }, { "POST", "/api/cast/sessions" }, { "GET", "/api/cast/sessions/x" },
                { "PATCH", "/api/cast/sessions/x" }, { "DELETE", "/api/cast/sessions/x" } };
        for (String[] e : endpoints) {
            call(given(), e).then().statusCode(401).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("sign in first"));
            call(account.request(), e).then().statusCode(403).body("detail", equalTo("Casting on this node is for the node's admins."));
            call(admin.request(), e).then().statusCode(not(equalTo(401))).statusCode(not(equalTo(403)));
        }
        admin.request().get("/api/cast/devices").then().statusCode(200);
    }

    @Test
    void refusesDeviceAddressesOutsideTheLocalNetwork() {
        WebSession admin = CastFixtures.admin();
        add(admin, "{\"address\":\"8.8.8.8\",\"protocol\":\"chromecast\"}").then().statusCode(400)
                .body("detail", equalTo("address 8.8.8.8 is not on a local network; the node casts only to devices on its own networks"));
        add(admin, "{\"address\":\"127.0.0.1\",\"protocol\":\"chromecast\"}").then().statusCode(400)
                .body("detail", containsString("this machine itself"));
        add(admin, "{\"address\":\"192.168.77.5\",\"protocol\":\"airplay\"}").then().statusCode(400)
                .body("detail", equalTo("protocol must be \"chromecast\" or \"dlna\""));
        add(admin, "{\"address\":\"\",\"protocol\":\"dlna\"}").then().statusCode(400).body("detail", startsWith("address is required"));
        add(admin, "{\"address\":\"192.168.77.5\",\"port\":0,\"protocol\":\"chromecast\"}").then().statusCode(400)
                .body("detail", equalTo("port must be between 1 and 65535"));
        add(admin, "{\"address\":\"file:///etc/passwd\",\"protocol\":\"dlna\"}").then().statusCode(400)
                .body("detail", containsString("IP address or host name"));
        add(admin, "").then().statusCode(400);
    }

    @Test
    void unknownSessionsAndDevicesAreNamed() {
        WebSession admin = CastFixtures.admin();
        admin.request().get("/api/cast/sessions/nosuchsession").then().statusCode(404)
                .body("detail", equalTo("there is no cast session nosuchsession"));
        admin.request().delete("/api/cast/sessions/nosuchsession").then().statusCode(404);
        admin.request().contentType("application/json").body("{\"action\":\"pause\"}").patch("/api/cast/sessions/nosuchsession")
                .then().statusCode(404);
        admin.request().delete("/api/cast/devices/cc-nothing").then().statusCode(404)
                .body("detail", equalTo("there is no device cc-nothing added by address"));
        start(admin, "{\"device\":\"cc-nothing\",\"recording\":\"aaaaaaaaaaaaaaaa\"}").then().statusCode(422)
                .body("detail", equalTo("there is no device cc-nothing; list them at /api/cast/devices"));
        start(admin, "{\"recording\":\"aaaaaaaaaaaaaaaa\"}").then().statusCode(400).body("detail", equalTo("device is required"));
        start(admin, "{\"device\":\"cc-nothing\",\"recording\":\"a\",\"broadcast\":\"b\"}").then().statusCode(400)
                .body("detail", equalTo("give exactly one of broadcast, recording or audioEntry"));
    }

    @Test
    void badControlsAreRefusedWithTheReason() {
        WebSession admin = CastFixtures.admin();
        patch(admin, "{\"action\":\"rewind\"}").then().statusCode(400)
                .body("detail", equalTo("unknown action 'rewind'; use play, pause, stop or seek"));
        patch(admin, "{\"action\":\"seek\"}").then().statusCode(400).body("detail", equalTo("seek needs a position in seconds, 0 or more"));
        patch(admin, "{\"action\":\"seek\",\"position\":-3}").then().statusCode(400);
        patch(admin, "{\"volume\":1.5}").then().statusCode(400).body("detail", equalTo("volume must be between 0 and 1"));
        patch(admin, "{}").then().statusCode(400).body("detail", startsWith("give an action"));
    }

    @Test
    void recordingsDownloadAsMp4RemuxedNotReencoded() throws Exception {
        String id = CastFixtures.recording(layout, recordings, "Owls to take home", 6);
        Response whole = given().get("/media/" + id + "/recording.mp4");
        whole.then().statusCode(200).contentType("video/mp4").header("Access-Control-Allow-Origin", "*")
                .header("Accept-Ranges", "bytes");
        assertTrue(whole.asByteArray().length > 10_000);
        given().header("Range", "bytes=0-99").get("/media/" + id + "/recording.mp4").then().statusCode(206)
                .header("Content-Range", startsWith("bytes 0-99/"));
        Ffprobe mp4 = Ffprobe.of(layout.broadcastDir(id).resolve("recording.mp4"));
        Ffprobe source = Ffprobe.of(layout.broadcastDir(id).resolve("source/seg00000.ts"));
        assertEquals(source.json().getString("streams.find { it.codec_type == 'video' }.profile"),
                mp4.json().getString("streams.find { it.codec_type == 'video' }.profile"), "same H.264 stream, copied");
        assertEquals(6, mp4.durationSeconds(), 0.5);
        given().get("/media/aaaaaaaaaaaaaaaa/recording.mp4").then().statusCode(404);

        WebSession admin = CastFixtures.admin();
        String page = admin.request().accept("text/html").get("/watch/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"download-recording\" href=\"/media/" + id + "/recording.mp4\""), "Download link");
        assertTrue(page.contains("data-cast-kind=\"recording\" data-cast-id=\"" + id + "\""), "cast button for an admin");
        String anonymous = given().accept("text/html").get("/watch/" + id).then().statusCode(200).extract().asString();
        assertTrue(anonymous.contains("id=\"download-recording\""));
        assertTrue(!anonymous.contains("data-cast-kind"), "no cast button for those who may not cast");
        start(admin, "{\"device\":\"cc-nothing\",\"broadcast\":\"" + id + "\"}").then().statusCode(422);
    }

    @Test
    void adminListsDevicesAndSessions() {
        CastFixtures.admin().request().accept("text/html").get("/admin").then().statusCode(200)
                .body(containsString("id=\"admin-cast\""))
                .body(containsString("id=\"cast-allowed\">admins<"));
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/cast/sessions/{id}")).body(containsString("/api/cast/devices"));
    }

    private static Response call(RequestSpecification spec, String[] endpoint) {
        spec = spec.contentType("application/json").body("{}");
        return switch (endpoint[0]) {
            case "GET" -> spec.get(endpoint[1]);
            case "POST" -> spec.post(endpoint[1]);
            case "PATCH" -> spec.patch(endpoint[1]);
            default -> spec.delete(endpoint[1]);
        };
    }

    private static Response add(WebSession admin, String body) {
        return admin.request().contentType("application/json").body(body).post("/api/cast/devices");
    }

    private static Response start(WebSession admin, String body) {
        return admin.request().contentType("application/json").body(body).post("/api/cast/sessions");
    }

    private static Response patch(WebSession admin, String body) {
        return admin.request().contentType("application/json").body(body).patch("/api/cast/sessions/whatever");
    }
}
