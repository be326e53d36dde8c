package org.defiancenetwork.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FfmpegReadinessTest {

    @Test
    void nodeIsReadyWhenFfmpegRunsAndTheDatabaseAnswers() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'FFmpeg' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'FFmpeg' }.data.version", notNullValue())
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void nodeIsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
