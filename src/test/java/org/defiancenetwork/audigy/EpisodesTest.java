package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.defiancenetwork.audigy.api.Episodes;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.Signatures;
import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeKeys;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What the live side will call: a finished audio-only recording becomes an episode of its channel's collection. */
@QuarkusTest
class EpisodesTest {

    @Inject
    Episodes episodes;

    @Inject
    NodeKeys keys;

    @Test
    void aRecordingBecomesAVerifiedEpisodeOfTheChannelsCollection() throws Exception {
        String channel = AudioTesting.unique("ep");
        WebSession.signUp(channel, "a long passphrase");
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "episodes-");
        Path recording = AudioSamples.m4a(dir, "recording.m4a", 4);
        long size = Files.size(recording);
        String sha256 = Hashing.sha256Hex(recording);

        Episodes.FiledEpisode filed = episodes.fileRecording(new Episodes.Recording(channel, "bc" + channel, "Night talk",
                recording, 4000, size, sha256, Instant.parse("2024-05-01T20:00:00Z")));
        assertEquals("/audio/" + filed.collection() + "/feed.xml", filed.feedUrl());
        Files.delete(recording);

        given().get("/api/audio/catalogues/" + filed.collection()).then().statusCode(200)
                .body("origin", equalTo("CHANNEL")).body("channelSlug", equalTo(channel)).body("entries", equalTo(1))
                .body("signedByThisNode", equalTo(true));
        given().get("/api/audio/entries/" + filed.entryId()).then().statusCode(200)
                .body("entry.title", equalTo("Night talk")).body("entry.episodeNumber", equalTo(1))
                .body("entry.durationMs", equalTo(4000)).body("entry.sizeBytes", equalTo((int) size))
                .body("entry.checksums[0].hash", equalTo(sha256))
                .body("copy.state", equalTo("VERIFIED")).body("copy.pinned", equalTo(true));
        given().get(filed.fileUrl()).then().statusCode(200).contentType("audio/mp4").header("ETag", "\"" + sha256 + "\"");
        given().get(filed.pageUrl()).then().statusCode(200).body(containsString("Night talk"));
        String feed = given().get(filed.feedUrl()).then().statusCode(200).extract().asString();
        assertEquals(List.of(), PodcastFeedRules.check(feed), feed);
        assertTrue(feed.contains("length=\"" + size + "\""), feed);

        // The published catalogue is a valid .augy file, signed by this node, with absolute URIs.
        byte[] exported = given().get("/api/audio/catalogues/" + filed.collection() + ".augy").asByteArray();
        AugyReader.Reading reading = AugyReader.read(exported, null);
        assertTrue(reading.valid(), reading.findings().toString());
        assertTrue(reading.catalogue().entries().get(0).uriPoints().get(0).matches("http://[^/]+/audio/file/" + filed.entryId()));
        assertEquals(keys.nodeId(), Signatures.verify(reading.catalogue()).signer());

        // Filing the same broadcast again updates its episode; another broadcast is the next episode.
        Path again = AudioSamples.m4a(dir, "again.m4a", 4);
        Episodes.FiledEpisode refiled = episodes.fileRecording(new Episodes.Recording(channel, "bc" + channel, "Night talk (edited)",
                again, 4000, Files.size(again), Hashing.sha256Hex(again), Instant.parse("2024-05-01T20:00:00Z")));
        assertEquals(filed.entryId(), refiled.entryId());
        Path next = AudioSamples.m4a(dir, "next.m4a", 3);
        Episodes.FiledEpisode second = episodes.fileRecording(new Episodes.Recording(channel, "bc2" + channel, "Second night",
                next, 3000, Files.size(next), Hashing.sha256Hex(next), Instant.now()));
        given().get("/api/audio/catalogues/" + filed.collection()).then().body("entries", equalTo(2));
        given().get("/api/audio/entries/" + second.entryId()).then().body("entry.episodeNumber", equalTo(2));
        assertArrayEquals(Files.readAllBytes(again), given().get(filed.fileUrl()).asByteArray(), "the edited recording is served");
    }

    @Test
    void aRecordingThatDoesNotMatchItsChecksumIsRefused() throws Exception {
        String channel = AudioTesting.unique("ep");
        WebSession.signUp(channel, "a long passphrase");
        Path recording = AudioSamples.m4a(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "episodes-"), "r.m4a", 2);
        IllegalArgumentException wrongHash = assertThrows(IllegalArgumentException.class, () -> episodes.fileRecording(
                new Episodes.Recording(channel, "bad" + channel, "Bad", recording, 2000, Files.size(recording), "00".repeat(32), Instant.now())));
        assertTrue(wrongHash.getMessage().contains("SHA-256"), wrongHash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> episodes.fileRecording(new Episodes.Recording(channel, "bad2" + channel, "Bad",
                recording, 2000, Files.size(recording) + 1, Hashing.sha256Hex(recording), Instant.now())));
        assertThrows(IllegalArgumentException.class, () -> episodes.fileRecording(new Episodes.Recording("no-such-channel-x", "b", "Bad",
                recording, 2000, Files.size(recording), Hashing.sha256Hex(recording), Instant.now())));
        given().get("/api/audio/catalogues/" + channel).then().statusCode(404);
    }
}
