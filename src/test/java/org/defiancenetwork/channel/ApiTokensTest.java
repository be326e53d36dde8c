package org.defiancenetwork.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Personal API tokens: made on the settings page, shown once, kept hashed, revocable, sent as Bearer. */
@QuarkusTest
class ApiTokensTest {

    private static final Pattern TOKEN = Pattern.compile("id=\"api-token-value\">(dnt_[A-Za-z0-9_-]+)<");

    static String create(WebSession owner, String name) {
        owner.page("/channel/settings");
        Response page = owner.postForm("/channel/settings/tokens", Map.of("name", name));
        page.then().statusCode(200).header("Cache-Control", "no-store");
        Matcher m = TOKEN.matcher(page.asString());
        assertTrue(m.find(), "the new token is on the page");
        return m.group(1);
    }

    @Test
    void anAdminsTokenCallsTheAdminApiUntilRevoked() {
        WebSession admin = Admins.session();
        String token = create(admin, "laptop CLI");
        assertTrue(token.matches("dnt_[A-Za-z0-9_-]{32}"), token);

        given().header("Authorization", "Bearer " + token).get("/api/node").then().statusCode(200)
                .body(containsString("\"databaseKind\""));
        admin.page("/channel/settings").then().body(containsString("laptop CLI")).body(not(containsString(token)));
        List<String> stored = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>listAll().stream()
                .map(t -> t.tokenHash).toList());
        assertTrue(stored.contains(Hashing.sha256Hex(token)), "kept as its SHA-256");
        assertTrue(stored.stream().noneMatch(h -> h.contains(token)), "never in clear");

        long id = QuarkusTransaction.requiringNew().call(() -> ApiToken.findByHash(Hashing.sha256Hex(token)).id);
        admin.page("/channel/settings").then().body(containsString("id=\"api-token-" + id + "\""))
                .body(containsString("just now"));
        admin.postForm("/channel/settings/tokens/" + id + "/revoke", Map.of()).then().statusCode(303);
        given().header("Authorization", "Bearer " + token).get("/api/node").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenCarriesItsAccountsRightsOnlyAndOnlyOnTheApi() {
        WebSession broadcaster = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        String token = create(broadcaster, "script");
        given().header("Authorization", "Bearer " + token).get("/api/node").then().statusCode(403);
        // pages and forms need the browser session; a token does not sign a browser in
        given().redirects().follow(false).header("Authorization", "Bearer " + token).get("/channel/settings")
                .then().statusCode(302).header("Location", startsWith("/signin"));
    }

    @Test
    void unknownTokensAndStreamKeysAreNotApiTokens() {
        given().header("Authorization", "Bearer dnt_" + "A".repeat(32)).get("/api/node").then().statusCode(401);
        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        given().header("Authorization", "Bearer " + owner.streamKey()).get("/api/node").then().statusCode(401);
    }

    @Test
    void nobodyRevokesAnotherAccountsToken() {
        WebSession alice = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        String token = create(alice, "alice's");
        long id = QuarkusTransaction.requiringNew().call(() -> ApiToken.findByHash(Hashing.sha256Hex(token)).id);
        WebSession mallory = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        mallory.page("/channel/settings");
        mallory.postForm("/channel/settings/tokens/" + id + "/revoke", Map.of()).then().statusCode(404);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ApiToken.count("id", id)));
        mallory.page("/channel/settings").then().body(not(containsString("alice's")));
    }
}
