package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.catalogue;
import static org.defiancenetwork.audigy.AudioTesting.creator;
import static org.defiancenetwork.audigy.AudioTesting.entry;
import static org.defiancenetwork.audigy.AudioTesting.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.testing.WebSession;
import org.jdom2.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Podcast feeds out (RSS 2.0 + iTunes + Podcasting 2.0, read back with Rome) and in (a feed becomes a collection). */
@QuarkusTest
class PodcastFeedTest {

    static AudioOrigin origin;
    static Path tone;
    static Path noise;

    @BeforeAll
    static void startOrigin() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "audio-feeds-");
        tone = AudioSamples.mp3(dir, "tone.mp3", 8, 523, 64);
        noise = AudioSamples.m4a(dir, "noise.m4a", 8);
        origin = AudioOrigin.start(dir);
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void everyCollectionIsAPodcastFeedThatFollowsTheRules() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        Map<String, Object> one = entry(first, "Part one", List.of(origin.url("tone.mp3")), List.of(origin.url("tone.mp3?mirror")), tone);
        Map<String, Object> two = entry(second, "Part two", List.of(origin.url("noise.m4a")), null, noise);
        one.put("metadata", withEpisode(one, 1, 8));
        two.put("metadata", withEpisode(two, 2, 8));
        String title = unique("Feed ");
        String slug = creator().request().contentType("application/json").body(catalogue(title, List.of(one, two)))
                .post("/api/audio/catalogues").then().statusCode(201).extract().path("collection.slug");
        AudioPlaybackTest.playback(first);

        String xml = given().get("/audio/" + slug + "/feed.xml").then().statusCode(200)
                .contentType("application/rss+xml").extract().asString();
        assertEquals(List.of(), PodcastFeedRules.check(xml), xml);

        Channel channel = (Channel) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals("rss_2.0", channel.getFeedType());
        assertEquals(title, channel.getTitle());
        FeedInformation show = (FeedInformation) channel.getModule(ITunes.URI);
        assertEquals("Science", show.getCategories().get(0).getName());
        assertEquals("serial", show.getType());
        assertTrue(show.getImageUri().endsWith("/static/audigy/cover.png"), show.getImageUri());
        given().get(show.getImageUri().replaceFirst("^http://[^/]+", "")).then().statusCode(200).contentType("image/png");

        Item item = channel.getItems().get(0);
        assertEquals(first, item.getGuid().getValue());
        assertEquals(false, item.getGuid().isPermaLink());
        assertTrue(item.getEnclosures().get(0).getUrl().endsWith("/audio/file/" + first), item.getEnclosures().get(0).getUrl());
        assertEquals(Files.size(tone), item.getEnclosures().get(0).getLength());
        assertEquals("audio/mpeg", item.getEnclosures().get(0).getType());
        assertEquals("audio/mp4", channel.getItems().get(1).getEnclosures().get(0).getType());
        EntryInformation episode = (EntryInformation) item.getModule(ITunes.URI);
        assertEquals(1, episode.getEpisode());
        assertEquals(8000, episode.getDuration().getMilliseconds());
        List<Element> alternates = item.getForeignMarkup().stream().filter(e -> e.getName().equals("alternateEnclosure")).toList();
        assertEquals(List.of(origin.url("tone.mp3"), origin.url("tone.mp3?mirror")),
                alternates.stream().map(a -> a.getChild("source", PodcastFeedWriter.PODCAST).getAttributeValue("uri")).toList(),
                "every origin, backups included, as an alternate enclosure");
        for (Element alternate : alternates) {
            assertEquals("sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Hashing.sha256Hex(tone))),
                    alternate.getChild("integrity", PodcastFeedWriter.PODCAST).getAttributeValue("value"));
        }
        assertEquals("1", item.getForeignMarkup().stream().filter(e -> e.getName().equals("episode")).findFirst().orElseThrow().getText());

        // A podcast app would fetch the enclosure: it is the node's verified copy.
        byte[] enclosure = given().get(item.getEnclosures().get(0).getUrl().replaceFirst("^http://[^/]+", "")).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(Hashing.sha256Hex(tone), Hashing.sha256Hex(enclosure));
        given().get("/audio/no-such-collection/feed.xml").then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEpisode(Map<String, Object> entry, int number, int seconds) {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>((Map<String, Object>) entry.get("metadata"));
        metadata.put("series", "The series");
        metadata.put("episode_number", number);
        metadata.put("season_number", 1);
        metadata.put("duration", seconds);
        metadata.put("published_at", "2024-05-0" + number + "T10:00:00Z");
        return metadata;
    }

    @Test
    void aPodcastFeedBecomesACollectionAndStaysOneWhenRefreshed() throws Exception {
        String rss = Files.readString(Path.of("src/test/resources/audigy/podcast.xml"))
                .replace("ENCLOSURE_1", origin.url("tone.mp3")).replace("LENGTH_1", Long.toString(Files.size(tone)))
                .replace("ENCLOSURE_2", origin.url("noise.m4a")).replace("LENGTH_2", Long.toString(Files.size(noise)))
                .replace("Moth Radio", unique("Moth Radio "));
        origin.put("moths.xml", rss.getBytes(StandardCharsets.UTF_8));
        SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(rss.getBytes(StandardCharsets.UTF_8))));

        WebSession creator = creator();
        JsonPath subscribed = creator.request().contentType("application/json").body(Map.of("url", origin.url("moths.xml"), "kind", "podcast"))
                .post("/api/audio/sources").then().statusCode(201)
                .body("findings.find { it.location == 'items[2]' }.message", equalTo("\"Show notes only\" has no audio enclosure; left out"))
                .extract().jsonPath();
        String slug = subscribed.getString("source.collection");
        given().get("/api/audio/catalogues/" + slug).then().body("title", equalTo(parsed.getTitle()))
                .body("creator", equalTo("Mothers of Moths")).body("entries", equalTo(2));

        List<Map<String, Object>> entries = given().queryParam("collection", slug).get("/api/audio/entries").then()
                .body("$", hasSize(2)).extract().path("$");
        Map<String, Object> hawk = entries.stream().filter(e -> e.get("title").equals("Episode 1: Hawk-moths")).findFirst().orElseThrow();
        assertEquals(8000, hawk.get("durationMs"));
        assertEquals(1, hawk.get("episodeNumber"));
        assertEquals(2, hawk.get("seasonNumber"));
        assertEquals("Podcast", hawk.get("genre"));
        assertEquals(List.of("hawk-moth", "honeysuckle"), hawk.get("keywords"));
        assertEquals(List.of(origin.url("tone.mp3")), hawk.get("uriPoints"));
        Map<String, Object> trailer = entries.stream().filter(e -> e.get("title").equals("Trailer")).findFirst().orElseThrow();
        assertEquals("Clip", trailer.get("audioType"));
        assertEquals("Explicit", trailer.get("rating"));

        // Refreshing keeps the same entries (ids come from the GUIDs), and an unchanged feed is not re-imported.
        int source = subscribed.getInt("source.id");
        AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200).body("outcome", equalTo("NOT_MODIFIED"));
        origin.put("moths.xml", rss.replace("Big, fast", "Big, very fast").getBytes(StandardCharsets.UTF_8));
        AudioTesting.withCsrf(creator).post("/api/audio/sources/" + source + "/refresh").then().statusCode(200).body("outcome", equalTo("UPDATED"));
        given().queryParam("collection", slug).get("/api/audio/entries").then()
                .body("id", equalTo(entries.stream().map(e -> e.get("id")).toList()))
                .body("find { it.title == 'Episode 1: Hawk-moths' }.description", equalTo("Big, very fast, and fond of honeysuckle."));

        // And the entries play like any other: the podcast's audio is fetched and kept, unverified (feeds carry no checksums).
        JsonPath playback = AudioPlaybackTest.playback((String) hawk.get("id"));
        assertEquals("ready", playback.getString("state"));
        assertEquals(false, playback.getBoolean("verified"));
    }

    @Test
    void ourOwnFeedReadsBackAsTheSameCollection() throws Exception {
        String first = UUID.randomUUID().toString();
        String title = unique("Echo ");
        String slug = creator().request().contentType("application/json")
                .body(catalogue(title, List.of(entry(first, "Echo one", List.of(origin.url("tone.mp3")), null, tone))))
                .post("/api/audio/catalogues").then().statusCode(201).extract().path("collection.slug");
        String xml = given().get("/audio/" + slug + "/feed.xml").asString();
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(title, feed.getTitle());
        SyndEntry only = feed.getEntries().get(0);
        assertEquals(first, only.getUri());
        assertEquals("Echo one", only.getTitle());
    }
}
