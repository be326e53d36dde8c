package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.catalogue;
import static org.defiancenetwork.audigy.AudioTesting.creator;
import static org.defiancenetwork.audigy.AudioTesting.entry;
import static org.defiancenetwork.audigy.AudioTesting.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The audio pages and the Audio admin section, as HTML. */
@QuarkusTest
class AudioPagesTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> episode(String id, String title, String series, Integer number, String genre) throws Exception {
        Map<String, Object> e = entry(id, title, List.of("https://audio.example.org/" + id + ".mp3"), null, null);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) e.get("metadata"));
        if (series != null) {
            metadata.put("series", series);
            metadata.put("episode_number", number);
        }
        metadata.put("genre", genre);
        metadata.put("duration", 754);
        metadata.put("size", 12_345_678);
        e.put("metadata", metadata);
        return e;
    }

    @Test
    void listsCollectionsAndEntriesInSeriesOrderWithFiltersAndSearch() throws Exception {
        String marker = unique("kq");
        String title = unique("Pages ");
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add(episode(UUID.randomUUID().toString(), "Third " + marker, "The Saga", 3, "History"));
        entries.add(episode(UUID.randomUUID().toString(), "Loose " + marker, null, null, "Comedy"));
        entries.add(episode(UUID.randomUUID().toString(), "First " + marker, "The Saga", 1, "History"));
        entries.add(episode(UUID.randomUUID().toString(), "Second " + marker, "The Saga", 2, "History"));
        String slug = creator().request().contentType("application/json").body(catalogue(title, entries))
                .post("/api/audio/catalogues").then().statusCode(201).extract().path("collection.slug");

        String all = given().get("/audio").then().statusCode(200)
                .body(containsString("href=\"/audio/" + slug + "\""))
                .body(containsString("data-genre=\"History\""))
                .extract().asString();
        int first = all.indexOf("First " + marker);
        int second = all.indexOf("Second " + marker);
        int third = all.indexOf("Third " + marker);
        int loose = all.indexOf("Loose " + marker);
        assertTrue(first > 0 && first < second && second < third, "episodes of a series in episode order");
        assertTrue(loose > third, "entries outside a series after the series");
        assertTrue(all.contains("12:34") && all.contains("11.8 MiB") && all.contains(">Available<"), "duration, size and availability shown");

        given().queryParam("q", "second " + marker).get("/audio").then().statusCode(200)
                .body(containsString("Second " + marker)).body(not(containsString("First " + marker)))
                .body(containsString("1 found for"));
        given().queryParam("genre", "Comedy").get("/audio/" + slug).then().statusCode(200)
                .body(containsString("Loose " + marker)).body(not(containsString("Third " + marker)))
                .body(containsString("class=\"chip selected\" data-genre=\"Comedy\""))
                .body(containsString("/audio/" + slug + "/feed.xml"));
        given().queryParam("q", "<script>").get("/audio").then().statusCode(200)
                .body(not(containsString("<script>\""))).body(containsString("&lt;script&gt;"));
        given().get("/audio/no-such-collection").then().statusCode(404).contentType(containsString("text/html"));
    }

    @Test
    void entryPageShowsMetadataTranscriptFlagAndRelatedEntries() throws Exception {
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        String text = AudioTesting.owls("json", unique("Entry page "), one, two);
        creator().request().contentType("application/json").body(text).post("/api/audio/catalogues").then().statusCode(201);
        given().get("/audio/entry/" + one).then().statusCode(200)
                .body(containsString("<h1 id=\"entry-title\">Barn owls at dusk</h1>"))
                .body(containsString("id=\"entry-transcript\">available"))
                .body(containsString("id=\"entry-duration\">30:00"))
                .body(containsString("Mon, Tue, Wed, Thu, Fri 09:00–17:00 Europe/Berlin"))
                .body(containsString("href=\"/audio/entry/" + two + "\""))
                .body(containsString("https://cdn.example.org/owls/1.mp3"))
                .body(containsString("backup"))
                .body(containsString("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        given().get("/audio/entry/" + two).then().statusCode(200).body(containsString("id=\"entry-transcript\">none"));
        given().get("/audio/entry/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void adminSectionUploadsAndListsEveryErrorOfABadFile() throws Exception {
        // The admin page is the operator's: creators import through the API, anonymous visitors sign in first.
        creator().page("/admin").then().statusCode(403);
        given().redirects().follow(false).accept("text/html").get("/admin").then().statusCode(302);
        WebSession admin = Admins.session();
        admin.page("/admin").then().statusCode(200)
                .body(containsString("id=\"admin-audio\""))
                .body(containsString("action=\"/audio/admin/upload\""));
        String title = unique("Admin upload ");
        String good = AudioTesting.owls("yaml", title);
        String token = admin.cookie("defiance-csrf");
        String location = admin.request().multiPart("csrf-token", token).multiPart("file", "owls.yaml", good.getBytes(), "application/x-yaml")
                .post("/audio/admin/upload").then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("/audio/"), location);
        admin.page("/admin").then().body(containsString(title));

        byte[] bad = Files.readAllBytes(Path.of("src/test/resources/audigy/invalid.yaml"));
        admin.request().multiPart("csrf-token", token).multiPart("file", "invalid.yaml", bad, "application/x-yaml")
                .post("/audio/admin/upload").then().statusCode(422).contentType(containsString("text/html"))
                .body(containsString("The catalogue was not imported"))
                .body(containsString("<code>entries[1].schedule.timezone</code> (line 33)"))
                .body(containsString("<code>entries[0].metadata.audio_type</code> (line 12): unknown audio_type"));
    }

    @Test
    void homePageShowsRecentCollections() throws Exception {
        String title = unique("Home ");
        creator().request().contentType("application/json").body(AudioTesting.owls("json", title))
                .post("/api/audio/catalogues").then().statusCode(201);
        given().get("/").then().statusCode(200).body(containsString("id=\"home-audio\"")).body(containsString(title));
    }
}
