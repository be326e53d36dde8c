package org.defiancenetwork.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.defiancenetwork.platform.NodeConfig;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Sessions end when they should: sign-out, a password change, their absolute lifetime. */
@QuarkusTest
class SessionsTest {

    @Inject
    SessionKey key;

    @Inject
    NodeConfig node;

    @Test
    void aReplayedCookieStopsWorkingAfterSignOut() {
        WebSession browser = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        String copied = browser.cookie(SessionCookie.NAME);
        browser.page("/channel/settings").then().statusCode(200);
        browser.postForm("/signout", Map.of()).then().statusCode(303).header("Location", containsString("signedout"));

        given().redirects().follow(false).cookie(SessionCookie.NAME, copied).get("/channel/settings")
                .then().statusCode(302).header("Location", startsWith("/signin"));
        given().cookie(SessionCookie.NAME, copied).get("/").then().statusCode(200)
                .body(containsString("id=\"sign-in-link\""));
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        String name = AccountPagesTest.uniqueName();
        WebSession here = WebSession.signUp(name, "a long passphrase");
        WebSession elsewhere = new WebSession();
        elsewhere.signIn(name, "a long passphrase").then().statusCode(303);
        elsewhere.page("/channel/settings").then().statusCode(200);

        here.page("/channel/settings");
        here.postForm("/channel/settings/password", Map.of("current", "wrong passphrase", "password", "a new passphrase",
                "confirm", "a new passphrase")).then().statusCode(400).body(containsString("id=\"current-error\""));
        here.postForm("/channel/settings/password", Map.of("current", "a long passphrase", "password", "password12",
                "confirm", "password12")).then().statusCode(400).body(containsString("id=\"new-password-error\""));
        here.postForm("/channel/settings/password", Map.of("current", "a long passphrase", "password", "a new passphrase",
                "confirm", "a new passphrase")).then().statusCode(303);

        here.page("/channel/settings?saved=password").then().statusCode(200).body(containsString("id=\"password-changed\""));
        elsewhere.page("/channel/settings").then().statusCode(302);
        new WebSession().signIn(name, "a long passphrase").then().statusCode(401);
        new WebSession().signIn(name, "a new passphrase").then().statusCode(303);
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverMuchItIsUsed() throws Exception {
        String name = AccountPagesTest.uniqueName();
        WebSession browser = WebSession.signUp(name, "a long passphrase");
        String csrfBinding = SessionTicket.binding(browser.csrfToken());
        // a cookie as the node itself would have issued it 31 days ago, still inside its idle timeout
        String old = sealed(new SessionTicket(name, 0, Instant.now().minus(Duration.ofDays(31)), csrfBinding).encode());
        String fresh = sealed(new SessionTicket(name, 0, Instant.now().minus(Duration.ofDays(29)), csrfBinding).encode());

        given().redirects().follow(false).cookie(SessionCookie.NAME, fresh).get("/channel/settings").then().statusCode(200);
        given().redirects().follow(false).cookie(SessionCookie.NAME, old).get("/channel/settings").then().statusCode(302);
    }

    @Test
    void signInIssuesAFreshCsrfTokenBoundToTheSession() {
        String name = AccountPagesTest.uniqueName();
        WebSession.signUp(name, "a long passphrase");
        WebSession browser = new WebSession();
        browser.page("/signin");
        String before = browser.csrfToken();
        browser.signIn(name, "a long passphrase").then().statusCode(303);
        assertNotEquals(before, browser.csrfToken(), "sign-in replaces the CSRF token");

        // a valid token pair from someone else's visit (a planted cookie) does not fit this session
        WebSession stranger = new WebSession();
        stranger.page("/signup");
        given().redirects().follow(false).cookie(SessionCookie.NAME, browser.cookie(SessionCookie.NAME))
                .cookie("defiance-csrf", stranger.csrfToken())
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", stranger.csrfToken())
                .post("/channel/settings/stream-key")
                .then().statusCode(302).header("Location", startsWith("/signin"));
        browser.page("/channel/settings").then().body(containsString("no stream key yet"));
        browser.postForm("/channel/settings/stream-key", Map.of()).then().statusCode(200);
    }

    @Test
    void theSessionKeyIsKeptInTheDataDirForTheNodeOnly() throws Exception {
        var file = node.dataPath().resolve(SessionKey.FILE);
        assertEquals(key.value(), Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** Encrypts a session value the way Quarkus's PersistentLoginManager does (AES-GCM, key = SHA-256 of the secret). */
    private String sealed(String value) throws Exception {
        byte[] secret = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, iv));
        long idleExpiry = System.currentTimeMillis() + Duration.ofDays(7).toMillis();
        byte[] encrypted = cipher.doFinal((idleExpiry + ":" + value).getBytes(StandardCharsets.UTF_8));
        ByteBuffer message = ByteBuffer.allocate(1 + iv.length + encrypted.length);
        message.put((byte) iv.length).put(iv).put(encrypted);
        String cookie = Base64.getEncoder().encodeToString(message.array());
        assertNotNull(cookie);
        return cookie;
    }
}
