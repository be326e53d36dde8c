package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.creator;
import static org.defiancenetwork.audigy.AudioTesting.owls;
import static org.defiancenetwork.audigy.AudioTesting.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.AugyWriter;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Signatures;
import org.defiancenetwork.platform.NodeKeys;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Importing and exporting catalogues over HTTP: every syntax, re-imports, errors, limits and signatures. */
@QuarkusTest
class CatalogueApiTest {

    @Inject
    NodeKeys keys;

    static Response post(WebSession who, String contentType, byte[] body) {
        return who.request().contentType(contentType).body(body).post("/api/audio/catalogues");
    }

    @ParameterizedTest
    @EnumSource(AugyFormat.class)
    void importsEachSyntaxByItsMediaType(AugyFormat format) throws Exception {
        String title = unique("Owls " + format + " ");
        String id = UUID.randomUUID().toString();
        post(creator(), format.mediaType(), AudioTesting.utf8(owls(format.extension(), title, id)))
                .then().statusCode(201)
                .header("Location", containsString("/api/audio/catalogues/"))
                .body("created", equalTo(true))
                .body("added", equalTo(2))
                .body("collection.title", equalTo(title))
                .body("collection.format", equalTo(format.name()))
                .body("collection.signature", equalTo("UNSIGNED"))
                .body("warnings[0].location", equalTo("entries[1].metadata.audio_type"))
                .body("warnings[0].message", containsString("\"Lecture\""));
        given().get("/api/audio/entries/" + id).then().statusCode(200)
                .body("entry.title", equalTo("Barn owls at dusk"))
                .body("entry.series", equalTo("Owls of England"))
                .body("entry.durationMs", equalTo(1800500));
    }

    @Test
    void multipartUploadDetectsTheSyntaxByContentAndNeedsTheCsrfToken() throws Exception {
        String title = unique("Uploaded owls ");
        WebSession creator = creator();
        creator.page("/admin");
        byte[] toml = AudioTesting.utf8(owls("toml", title));
        creator.request().multiPart("file", "owls.augy", toml, "application/octet-stream")
                .post("/api/audio/catalogues")
                .then().statusCode(400);
        creator.request().header("X-CSRF-TOKEN", creator.cookie("defiance-csrf"))
                .multiPart("file", "owls.augy", toml, "application/octet-stream")
                .post("/api/audio/catalogues")
                .then().statusCode(201).body("collection.format", equalTo("TOML")).body("added", equalTo(2));
    }

    @Test
    void anonymousImportsAre401() throws Exception {
        given().contentType("application/json").body(owls("json", unique("Nobody's "))).post("/api/audio/catalogues")
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("Sign in"));
    }

    @Test
    void invalidCatalogueGets422WithEveryErrorAndImportsNothing() throws Exception {
        byte[] invalid = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/audigy/invalid.yaml"));
        post(creator(), "application/yaml", invalid)
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString("nothing was imported"))
                .body("errors", hasSize(26))
                .body("warnings", hasSize(3))
                .body("errors.find { it.location == 'entries[1].schedule.timezone' }.line", equalTo(33))
                .body("errors.find { it.location == 'entries[1].schedule.timezone' }.message", containsString("Europe/Atlantis"))
                .body("warnings.location", hasItem("entries[0].metadata.audio_type"));
        given().get("/api/audio/entries/0b7d5a3e-1c2f-4e6a-9b8c-7d6e5f4a3b2c").then().statusCode(404);
    }

    @Test
    void oversizedFilesAndTooManyEntriesAre413() throws Exception {
        WebSession creator = creator();
        byte[] big = new byte[(int) UploadLimits.MAX_REQUEST + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        post(creator, "application/json", big)
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("10 MiB"));

        StringBuilder many = new StringBuilder("{\"version\":\"1.0\",\"metadata\":{\"title\":\"Many\"},\"entries\":[");
        for (int i = 0; i <= AugyReader.MAX_ENTRIES; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        post(creator, "application/json", AudioTesting.utf8(many.append("]}").toString()))
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("more than 10000 entries"));
    }

    @Test
    void importingAgainUpdatesEntriesByIdAndNeverDuplicates() throws Exception {
        WebSession creator = creator();
        String title = unique("Twice ");
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        String slug = post(creator, "application/json", AudioTesting.utf8(owls("json", title, one, two)))
                .then().statusCode(201).extract().path("collection.slug");

        String renamed = owls("yaml", title, one, two).replace("Barn owls at dusk", "Barn owls at night");
        post(creator, "application/yaml", AudioTesting.utf8(renamed))
                .then().statusCode(200)
                .body("created", equalTo(false)).body("added", equalTo(0)).body("updated", equalTo(1)).body("removed", equalTo(0))
                .body("collection.slug", equalTo(slug)).body("collection.entries", equalTo(2));
        given().get("/api/audio/entries/" + one).then().body("entry.title", equalTo("Barn owls at night"));

        // The same catalogue with one entry dropped and a new one: updated in place, still one collection.
        String three = UUID.randomUUID().toString();
        post(creator, "application/yaml", AudioTesting.utf8(owls("yaml", title + " (renamed)", one, three)))
                .then().statusCode(200)
                .body("collection.slug", equalTo(slug)).body("added", equalTo(1)).body("removed", equalTo(1))
                .body("collection.entries", equalTo(2)).body("collection.title", equalTo(title + " (renamed)"));
        given().get("/api/audio/entries/" + two).then().statusCode(404);
        given().get("/api/audio/catalogues").then().body("findAll { it.slug == '" + slug + "' }", hasSize(1));

        post(creator(), "application/yaml", AudioTesting.utf8(owls("yaml", title, one, three)))
                .then().statusCode(403).body("detail", containsString("someone else"));
    }

    @Test
    void exportRoundTripsInEverySyntaxSignedByThisNode() throws Exception {
        WebSession creator = creator();
        String slug = post(creator, "application/toml", AudioTesting.utf8(owls("toml", unique("Exported "))))
                .then().statusCode(201).extract().path("collection.slug");
        byte[] first = null;
        for (AugyFormat format : AugyFormat.values()) {
            byte[] exported = given().get("/api/audio/catalogues/" + slug + ".augy?format=" + format.extension())
                    .then().statusCode(200).contentType(startsWith(format.mediaType()))
                    .header("Content-Disposition", containsString(slug + ".augy." + format.extension()))
                    .extract().asByteArray();
            AugyReader.Reading reading = AugyReader.read(exported, null);
            assertEquals(format, reading.format());
            Signatures.Verdict verdict = Signatures.verify(reading.catalogue());
            assertEquals(Signatures.State.SIGNED, verdict.state(), verdict.reason());
            assertEquals(keys.nodeId(), verdict.signer());
            assertEquals("augy-cli 0.3", reading.catalogue().extra().get("x_generator"), "unknown members survive export");
            if (first == null) {
                first = AugyWriter.write(reading.catalogue(), AugyFormat.JSON);
            } else {
                assertArrayEquals(first, AugyWriter.write(reading.catalogue(), AugyFormat.JSON), "every syntax exports the same catalogue");
            }
            // import -> export -> import gives the same catalogue, now signed by this node
            post(creator, format.mediaType(), exported).then().statusCode(200)
                    .body("collection.slug", equalTo(slug)).body("added", equalTo(0)).body("updated", equalTo(0))
                    .body("removed", equalTo(0))
                    .body("collection.signature", equalTo("SIGNED")).body("collection.signedBy", equalTo(keys.nodeId()))
                    .body("collection.signedByThisNode", equalTo(true));
            byte[] again = given().get("/api/audio/catalogues/" + slug + ".augy?format=" + format.extension()).asByteArray();
            assertArrayEquals(exported, again, format + ": export after re-import is identical");
        }
        given().get("/api/audio/catalogues/" + slug + ".augy?format=xml").then().statusCode(400)
                .body("detail", containsString("json, yaml or toml"));
        given().get("/api/audio/catalogues/no-such-thing.augy").then().statusCode(404);
    }

    @Test
    void aChangedSignedCatalogueShowsSignatureInvalid() throws Exception {
        WebSession creator = creator();
        String slug = post(creator, "application/json", AudioTesting.utf8(owls("json", unique("Signed "))))
                .then().statusCode(201).extract().path("collection.slug");
        String exported = given().get("/api/audio/catalogues/" + slug + ".augy?format=yaml").asString();
        String tampered = exported.replace("Screeches from a barn in Suffolk", "Screeches from a barn in Norfolk");
        post(creator, "application/yaml", tampered.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("collection.signature", equalTo("INVALID"))
                .body("collection.signatureNote", containsString("does not match"));
        given().get("/audio/" + slug).then().statusCode(200).body(containsString("signature invalid"));

        Catalogue unsigned = AugyReader.read(exported.getBytes(StandardCharsets.UTF_8), null).catalogue().withSignature(null);
        post(creator, "application/json", AugyWriter.write(unsigned, AugyFormat.JSON)).then().statusCode(200)
                .body("collection.signature", equalTo("UNSIGNED"));
    }

    @Test
    void anEntryBelongsToOneCollection() throws Exception {
        WebSession creator = creator();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        post(creator, "application/json", AudioTesting.utf8(owls("json", unique("First "), first))).then().statusCode(201);
        post(creator, "application/json", AudioTesting.utf8(owls("json", unique("Second "), second))).then().statusCode(201);
        post(creator, "application/json", AudioTesting.utf8(owls("json", unique("Both "), first, second)))
                .then().statusCode(409).body("detail", containsString("several collections"));
        post(creator(), "application/json", AudioTesting.utf8(owls("json", unique("Theirs "), first)))
                .then().statusCode(403).body("detail", containsString("imported by someone else"));
    }

    @Test
    void deletingACollectionRemovesItsEntries() throws Exception {
        WebSession creator = creator();
        String id = UUID.randomUUID().toString();
        String slug = post(creator, "application/json", AudioTesting.utf8(owls("json", unique("Doomed "), id)))
                .then().statusCode(201).extract().path("collection.slug");
        creator().request().delete("/api/audio/catalogues/" + slug).then().statusCode(403);
        creator.request().delete("/api/audio/catalogues/" + slug).then().statusCode(204);
        given().get("/api/audio/entries/" + id).then().statusCode(404);
        given().get("/api/audio/catalogues/" + slug).then().statusCode(404).body("detail", endsWith("on this node."));
    }

    @Test
    void searchFindsByTitleAuthorKeywordAndGenre() throws Exception {
        String marker = unique("zq");
        String title = unique("Searchable ");
        String text = owls("json", title).replace("Screeches from a barn in Suffolk", "Screeches " + marker);
        post(creator(), "application/json", AudioTesting.utf8(text)).then().statusCode(201);
        given().queryParam("q", marker).get("/api/audio/entries").then().statusCode(200)
                .body("title", equalTo(List.of("Barn owls at dusk")));
        given().queryParam("q", "BARN " + marker.toUpperCase()).get("/api/audio/entries").then()
                .body("title", equalTo(List.of("Barn owls at dusk")));
        given().queryParam("q", "tawny").queryParam("genre", "Field recordings").get("/api/audio/entries").then()
                .body("collectionTitle", hasItem(title));
        given().queryParam("q", marker + "%").get("/api/audio/entries").then().body("$", hasSize(0));
        assertTrue(true);
    }
}
