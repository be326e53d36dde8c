package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.creator;
import static org.defiancenetwork.audigy.AudioTesting.owls;
import static org.defiancenetwork.audigy.AudioTesting.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Subscribed sources against a real origin: the first fetch makes the collection, refreshes use
 * conditional GET, and a source that fails or turns invalid keeps its last good copy.
 */
@QuarkusTest
class SourceSubscriptionTest {

    static AudioOrigin origin;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = AudioOrigin.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "audio-sources-"));
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        if (origin != null) {
            origin.close();
        }
    }

    static int subscribe(WebSession who, String url, String kind) {
        return who.request().contentType("application/json").body(Map.of("url", url, "kind", kind))
                .post("/api/audio/sources").then().statusCode(201)
                .body("outcome", equalTo("UPDATED"))
                .extract().path("source.id");
    }

    @Test
    void refreshesWithConditionalGetAndKeepsTheLastGoodCopy() throws Exception {
        WebSession creator = creator();
        String title = unique("Followed owls ");
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        origin.put("followed.augy.yaml", AudioTesting.utf8(owls("yaml", title, one, two)));
        int source = subscribe(creator, origin.url("followed.augy.yaml"), "augy");
        String slug = given().get("/api/audio/sources/" + source).then().statusCode(200)
                .body("kind", equalTo("AUGY")).body("lastError", nullValue())
                .extract().path("collection");
        given().get("/api/audio/catalogues/" + slug).then().body("origin", equalTo("SUBSCRIPTION")).body("entries", equalTo(2));

        // Nothing changed: the node asks with the validator it got (Vert.x's file handler gives
        // Last-Modified, no ETag) and the origin answers 304.
        AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200)
                .body("outcome", equalTo("NOT_MODIFIED"));
        AudioOrigin.Request conditional = last(origin.requests("followed.augy.yaml"));
        assertNotNull(conditional.ifModifiedSince(), "the refresh sent If-Modified-Since");
        assertEquals(304, conditional.status());

        // A new version: entries updated in place by id.
        origin.put("followed.augy.yaml", AudioTesting.utf8(owls("yaml", title, one, two).replace("Barn owls at dusk", "Barn owls at sunrise")));
        AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200)
                .body("outcome", equalTo("UPDATED")).body("source.collection", equalTo(slug));
        assertEquals(200, last(origin.requests("followed.augy.yaml")).status());
        given().get("/api/audio/entries/" + one).then().body("entry.title", equalTo("Barn owls at sunrise"));

        // The source turns invalid: the last good copy stays, the source says why.
        origin.put("followed.augy.yaml", AudioTesting.utf8("version: \"1.0\"\nmetadata: {title: \"\"}\nentries: []\n"));
        AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200)
                .body("outcome", equalTo("INVALID"))
                .body("findings[0].location", equalTo("metadata.title"))
                .body("source.lastError", containsString("metadata.title (line 2)"));
        given().get("/api/audio/entries/" + one).then().statusCode(200).body("entry.title", equalTo("Barn owls at sunrise"));

        // The origin fails: same.
        origin.failWith(500);
        try {
            AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200)
                    .body("outcome", equalTo("FAILED")).body("source.lastError", containsString("answered HTTP 500"));
        } finally {
            origin.failWith(0);
        }
        given().get("/api/audio/catalogues/" + slug).then().body("entries", equalTo(2));
        Admins.session().page("/admin").then().statusCode(200).body(containsString("answered HTTP 500"));
    }

    @Test
    void subscribingToSomethingUnusableIsRefusedWholly() throws Exception {
        WebSession creator = creator();
        creator.request().contentType("application/json").body(Map.of("url", "file:///etc/passwd", "kind", "augy"))
                .post("/api/audio/sources").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("only http and https"));
        creator.request().contentType("application/json").body(Map.of("url", origin.url("missing.augy"), "kind", "augy"))
                .post("/api/audio/sources").then().statusCode(502).body("detail", containsString("answered HTTP 404"));
        origin.put("broken.augy.json", AudioTesting.utf8("{\"version\": \"1.0\", \"metadata\": {\"title\": \"x\"}, \"entries\": [{}]}"));
        creator.request().contentType("application/json").body(Map.of("url", origin.url("broken.augy.json"), "kind", "augy"))
                .post("/api/audio/sources").then().statusCode(422)
                .body("errors.location", equalTo(List.of("entries[0].id", "entries[0].metadata", "entries[0].uri_points")));
        given().contentType("application/json").body(Map.of("url", origin.url("x"), "kind", "augy"))
                .post("/api/audio/sources").then().statusCode(401);
        creator.request().contentType("application/json").body(Map.of("url", origin.url("x"), "kind", "ogg"))
                .post("/api/audio/sources").then().statusCode(400).body("detail", containsString("augy or podcast"));
        given().get("/api/audio/sources").then().body("findAll { it.url.contains('broken') }.size()", equalTo(0));
    }

    @Test
    void entriesOfAFollowedSourceCannotBeTakenOverByAnUpload() throws Exception {
        WebSession creator = creator();
        String id = UUID.randomUUID().toString();
        origin.put("guarded.augy.json", AudioTesting.utf8(owls("json", unique("Guarded "), id)));
        subscribe(creator, origin.url("guarded.augy.json"), "augy");
        creator.request().contentType("application/json").body(owls("json", unique("Thief "), id))
                .post("/api/audio/catalogues").then().statusCode(409).body("detail", containsString("follows a subscribed source"));
    }

    static AudioOrigin.Request last(List<AudioOrigin.Request> requests) {
        return requests.get(requests.size() - 1);
    }
}
