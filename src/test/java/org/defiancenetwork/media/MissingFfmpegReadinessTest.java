package org.defiancenetwork.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(MissingFfmpegReadinessTest.BadFfmpegPath.class)
class MissingFfmpegReadinessTest {

    public static class BadFfmpegPath implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("defiance.ffmpeg.path", "/nonexistent/bin/ffmpeg");
        }
    }

    @Test
    void readinessIsDownWithAClearReason() {
        given().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'FFmpeg' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'FFmpeg' }.data.reason",
                        containsString("FFmpeg not found at '/nonexistent/bin/ffmpeg'"));
    }

    @Test
    void livenessStaysUpSoTheNodeIsNotKilledForIt() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void adminPageSaysNotFound() {
        org.defiancenetwork.testing.Admins.session().request().get("/admin")
                .then().statusCode(200)
                .body(containsString("<span class=\"warning\">not found</span>"));
    }
}
