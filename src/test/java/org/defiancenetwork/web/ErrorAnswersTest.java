package org.defiancenetwork.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ErrorAnswersTest {

    @Test
    void unknownPageGetsTheHtml404Page() {
        given().accept("text/html").get("/no/such/page")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<span class=\"status-code\">404</span> Not Found"))
                .body(containsString("<nav class=\"site-nav\""));
    }

    @Test
    void unknownApiPathGetsProblemJson() {
        given().accept("application/json").get("/api/no/such/thing")
                .then().statusCode(404)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/no/such/thing"))
                .body("detail", not(containsString("resource method")));
    }

    @Test
    void wrongMethodOnApiGetsProblemJson() {
        given().delete("/api/node")
                .then().statusCode(405)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(405))
                .body("instance", equalTo("/api/node"));
    }

    @Test
    void unknownStaticFileIsAPageNotAStackTrace() {
        given().get("/static/missing.js")
                .then().statusCode(404)
                .body(not(containsString("Exception")));
    }
}
