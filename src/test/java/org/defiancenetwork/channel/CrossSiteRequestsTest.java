package org.defiancenetwork.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;

/** Another site cannot act with a visitor's cookies, whatever the request's body, method or channel. */
@QuarkusTest
class CrossSiteRequestsTest {

    private static final String EVIL = "https://evil.example";

    @TestHTTPResource("/")
    URI base;

    private static WebSession owner() {
        return owner(AccountPagesTest.uniqueName());
    }

    private static WebSession owner(String name) {
        WebSession owner = WebSession.signUp(name, "a long passphrase");
        owner.page("/channel/settings");
        return owner;
    }

    @Test
    void aBodilessPostWithoutTokenChangesNothingAndAnswers403() throws Exception {
        String name = AccountPagesTest.uniqueName();
        WebSession owner = owner(name);
        // exactly what the probe sent: no body, no Content-Type, no token, only the cookies
        HttpResponse<String> refused = bodiless(owner, null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("CSRF token"), refused.body());
        assertNull(QuarkusTransaction.requiringNew().call(() -> Channel.findBySlug(name).streamKeyCreatedAt),
                "no key was made");
        // with the page's token in the header it is the page's own script, but still no form: 415, not 500
        assertEquals(415, bodiless(owner, owner.csrfToken()).statusCode());
        assertNull(QuarkusTransaction.requiringNew().call(() -> Channel.findBySlug(name).streamKeyCreatedAt));
    }

    private HttpResponse<String> bodiless(WebSession session, String token) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(base.resolve("/channel/settings/stream-key"))
                .header("Cookie", SessionCookie.NAME + "=" + session.cookie(SessionCookie.NAME) + "; defiance-csrf="
                        + session.cookie("defiance-csrf"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            post.header("X-CSRF-Token", token);
        }
        return HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFormPostWithoutTheFieldIsRefused() {
        WebSession owner = owner();
        owner.request().contentType("application/x-www-form-urlencoded").formParam("title", "Hijacked")
                .post("/channel/settings").then().statusCode(400);
        owner.page("/channel/settings").then().body(not(containsString("Hijacked")));
    }

    @Test
    void anotherSitesOriginIsRefusedEvenWithAValidToken() {
        WebSession owner = owner();
        owner.request().header("Origin", EVIL).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", owner.csrfToken()).formParam("title", "Hijacked").post("/channel/settings")
                .then().statusCode(403);
        owner.request().header("Sec-Fetch-Site", "cross-site").contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", owner.csrfToken()).formParam("title", "Hijacked").post("/channel/settings")
                .then().statusCode(403);
        owner.request().header("Origin", EVIL).contentType("application/json").body("{}")
                .post("/api/broadcasts/nosuchbroadcast0/viewers").then().statusCode(403).contentType("application/problem+json");
        owner.page("/channel/settings").then().body(not(containsString("Hijacked")));
        owner.request().header("Origin", base.toString().replaceAll("/$", "")).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", owner.csrfToken()).formParam("title", "Mine").formParam("description", "")
                .post("/channel/settings").then().statusCode(303);
    }

    @Test
    void wrongContentTypesAre415AndTheErrorPageRendersForASignedInVisitor() {
        WebSession owner = owner();
        owner.request().header("Origin", base.toString().replaceAll("/$", "")).contentType("application/json").body("{}")
                .post("/channel/settings")
                .then().statusCode(415).contentType(containsString("text/html"))
                .body(containsString("Sign out")).body(containsString("415"));
    }

    @Test
    void signInAndSignOutNeedTheToken() {
        String name = AccountPagesTest.uniqueName();
        WebSession victim = WebSession.signUp(name, "a long passphrase");
        // login CSRF: another site signing the visitor in to an account of its choosing
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", name).formParam("password", "a long passphrase").post("/signin")
                .then().statusCode(400);
        // logout CSRF: the visitor's session survives a forged sign-out
        victim.request().contentType("application/x-www-form-urlencoded").post("/signout").then().statusCode(400);
        victim.page("/channel/settings").then().statusCode(200);
    }

    @Test
    void webSocketsOpenOnlyFromThisSitesPages() {
        assertThrows(RuntimeException.class, () -> BasicWebSocketConnector.create().baseUri(base)
                .path("/api/chat/nosuchbroadcast0").addHeader("Origin", EVIL).connectAndAwait(), "cross-site handshake refused");
        assertThrows(RuntimeException.class, () -> BasicWebSocketConnector.create().baseUri(base)
                .path("/api/events").addHeader("Origin", EVIL).connectAndAwait());
        var own = BasicWebSocketConnector.create().baseUri(base).path("/api/events")
                .addHeader("Origin", base.toString().replaceAll("/$", "")).connectAndAwait();
        assertTrue(own.isOpen(), "same-origin handshake accepted");
        own.closeAndAwait();
    }
}
