package org.defiancenetwork.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every answer tells the browser what the page may load and that other sites may not frame it. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void pagesFilesErrorsAndApiAnswersCarryTheHeaders() {
        for (String path : new String[] { "/", "/static/styles.css", "/no/such/page", "/api/broadcasts?state=LIVE", "/signin" }) {
            given().get(path).then()
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("worker-src 'self' blob:"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("same-origin"))
                    // HSTS is opt-in, and only ever over HTTPS
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void theBroadcastPageExplainsHttpsWhenReachedOverPlainHttpFromAnotherAddress() {
        given().header("Host", "192.168.1.20:8080").get("/broadcast").then().statusCode(200)
                .body(containsString("id=\"https-needed\""))
                .body(containsString("DEFIANCE_TLS_MODE=self-signed"));
        // on the node's own machine plain HTTP is a secure context: the page itself (sign in first)
        given().redirects().follow(false).get("/broadcast").then().statusCode(302);
        // watching needs no secure context
        given().header("Host", "192.168.1.20:8080").get("/").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("https-needed")));
    }
}
