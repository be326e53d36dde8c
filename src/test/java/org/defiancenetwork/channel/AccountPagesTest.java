package org.defiancenetwork.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.platform.Roles;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccountPagesTest {

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void signUpShowsEveryFieldProblemAndKeepsNothing() {
        WebSession browser = new WebSession();
        browser.page("/signup");
        browser.postForm("/signup", Map.of("username", "<b>x", "password", "short", "confirm", "short"))
                .then().statusCode(400)
                .body(containsString("id=\"username-error\""))
                .body(containsString("id=\"password-error\""))
                .body(containsString("&lt;b&gt;x"))
                .body(not(containsString("<b>x")));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Account.count("username", "<b>x")));
    }

    @Test
    void mismatchedPasswordsAreReported() {
        WebSession browser = new WebSession();
        browser.page("/signup");
        browser.postForm("/signup", Map.of("username", uniqueName(), "password", "a long passphrase", "confirm", "another one!"))
                .then().statusCode(400).body(containsString("id=\"confirm-error\""));
    }

    @Test
    void signUpWithoutCsrfTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", uniqueName()).formParam("password", "a long passphrase")
                .formParam("confirm", "a long passphrase")
                .post("/signup")
                .then().statusCode(400);
    }

    @Test
    void signUpSignsInAndLandsOnTheBroadcastPage() {
        String name = uniqueName();
        WebSession browser = new WebSession();
        browser.page("/signup");
        browser.postForm("/signup", Map.of("username", name, "password", "a long passphrase", "confirm", "a long passphrase"))
                .then().statusCode(303).header("Location", endsWith("/broadcast"));
        browser.page("/channel/settings")
                .then().statusCode(200)
                .body(containsString("id=\"account-name\">" + name + "<"))
                .body(containsString("/c/" + name));
    }

    @Test
    void takenNameIsRefused() {
        String name = uniqueName();
        WebSession.signUp(name, "a long passphrase");
        WebSession other = new WebSession();
        other.page("/signup");
        other.postForm("/signup", Map.of("username", name.toUpperCase(), "password", "another passphrase", "confirm", "another passphrase"))
                .then().statusCode(400).body(containsString("This name is taken."));
    }

    @Test
    void wrongPasswordGoesBackToSignInWithAMessage() {
        String name = uniqueName();
        WebSession.signUp(name, "a long passphrase");
        new WebSession().signIn(name, "wrong passphrase")
                .then().statusCode(401).body(containsString("id=\"signin-failed\""));
        WebSession right = new WebSession();
        right.signIn(name, "a long passphrase").then().statusCode(303).header("Location", endsWith("/broadcast"));
        right.page("/channel/settings").then().statusCode(200);
    }

    @Test
    void settingsNeedASignedInOwner() {
        given().redirects().follow(false).get("/channel/settings")
                .then().statusCode(302).header("Location", containsString("/signin"));
    }

    @Test
    void signOutEndsTheSession() {
        WebSession browser = WebSession.signUp(uniqueName(), "a long passphrase");
        browser.page("/channel/settings").then().statusCode(200);
        browser.postForm("/signout", Map.of()).then().statusCode(303);
        browser.page("/channel/settings").then().statusCode(302);
    }

    @Test
    void onlyTheNodesFirstAccountIsItsAdmin() {
        String laterName = uniqueName();
        WebSession later = WebSession.signUp(laterName, "a long passphrase");
        later.request().get("/api/node").then().statusCode(403);
        Object operator = QuarkusTransaction.requiringNew().call(() -> Account.getEntityManager()
                .createNativeQuery("select account_id from node_operator").getSingleResult());
        assertNotNull(operator, "the node's admin is claimed once");
        // the claim belongs to the first account (the shared test app's, made at start), and no later one is an admin
        Account first = QuarkusTransaction.requiringNew().call(() -> Account.<Account>find("order by id").firstResult());
        assertEquals(((Number) operator).longValue(), first.id.longValue(), "the claim is the first account's");
        assertEquals("testoperator", first.username);
        Account laterAccount = QuarkusTransaction.requiringNew().call(() -> Account.find("username", laterName).firstResult());
        assertFalse(laterAccount.roles.contains(Roles.ADMIN), "a later account is no admin: " + laterAccount.roles);
    }
}
