package org.defiancenetwork.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void metricsArePrometheusText() {
        Admins.session().request().get("/api/node").then().statusCode(200);
        given().accept("text/plain").get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count{"));
    }

    @Test
    void nodeStatusIsForAdminsOnly() {
        given().get("/api/node").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        WebSession.signUp("ops" + System.nanoTime() % 1000000, "a long passphrase").request().get("/api/node")
                .then().statusCode(403);
    }

    @Test
    void openApiDescribesTheNodeApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/node"));
    }
}
