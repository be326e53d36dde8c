package org.defiancenetwork.audigy;

import static io.restassured.RestAssured.given;
import static org.defiancenetwork.audigy.AudioTesting.catalogue;
import static org.defiancenetwork.audigy.AudioTesting.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.restassured.RestAssured;

/**
 * A listener in Chromium: finds an episode on /audio by search, plays it (time advances), seeks,
 * changes speed and volume, and after a reload resumes where they left off. The node runs
 * packaged, with the cache on import, fetching from a real origin serving FFmpeg-made MP3.
 */
class AudioBrowserIT {

    static AudioOrigin origin;
    static NodeProcess node;
    static Chromium browser;
    static String entryId = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "audio-it-");
        Path tone = AudioSamples.mp3(dir, "heron.mp3", 40, 392, 64);
        origin = AudioOrigin.start(dir);
        node = NodeProcess.start("audio", Map.of("defiance.data-dir", dir.resolve("node").toString(),
                "defiance.audio.allow-private-sources", "true", "defiance.audio.cache", "on-import"));
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = node.port();
        WebSession creator = WebSession.signUp("heron" + UUID.randomUUID().toString().substring(0, 8), "a long passphrase");
        Map<String, Object> heron = entry(entryId, "The grey heron at the weir", List.of(origin.url("heron.mp3")), null, tone);
        Map<String, Object> other = entry(UUID.randomUUID().toString(), "A quiet pond", List.of(origin.url("heron.mp3")), null, tone);
        creator.request().contentType("application/json").body(catalogue("River birds", List.of(other, heron)))
                .post("/api/audio/catalogues").then().statusCode(201);
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            RestAssured.reset();
            if (node != null) {
                node.close();
            }
            if (origin != null) {
                origin.close();
            }
        }
    }

    static double currentTime() {
        return ((Number) browser.script("return document.getElementById('audio-element').currentTime")).doubleValue();
    }

    @Test
    void findsPlaysSeeksAndResumesAnEpisode() throws Exception {
        // cache=on-import: the verified copy is there before anyone presses play.
        Await.until(Duration.ofSeconds(60), "the copy to be fetched on import",
                () -> "VERIFIED".equals(given().get("/api/audio/entries/" + entryId).path("copy.state")));

        browser.driver().get(node.baseUrl() + "/audio");
        browser.driver().findElement(By.id("audio-search")).sendKeys("heron weir", Keys.ENTER);
        browser.await(Duration.ofSeconds(20), "search results",
                d -> d.getCurrentUrl().contains("q=heron") && !d.findElements(By.cssSelector("[data-play='" + entryId + "']")).isEmpty());
        assertEquals(1, browser.driver().findElements(By.cssSelector(".audio-entry")).size(), "only the heron matches");

        browser.driver().findElement(By.cssSelector("[data-play='" + entryId + "']")).click();
        browser.await(Duration.ofSeconds(30), "playing", d -> "playing".equals(d.findElement(By.id("audio-player")).getAttribute("data-state")));
        assertEquals("true", browser.driver().findElement(By.id("audio-player")).getAttribute("data-verified"));
        assertTrue(browser.driver().findElement(By.id("audio-status")).getText().contains("Verified copy"));
        double started = currentTime();
        browser.await(Duration.ofSeconds(30), "currentTime advances", d -> currentTime() > started + 1.0);

        browser.script("const s = document.getElementById('audio-seek'); s.value = '25'; s.dispatchEvent(new Event('change'));");
        browser.await(Duration.ofSeconds(30), "seeked to 25 s and still playing", d -> currentTime() >= 25.5);
        assertTrue(currentTime() < 39, "the seek jumped instead of playing through");

        browser.script("const s = document.getElementById('audio-speed'); s.value = '2'; s.dispatchEvent(new Event('change'));");
        assertEquals(2.0, ((Number) browser.script("return document.getElementById('audio-element').playbackRate")).doubleValue());
        browser.script("const v = document.getElementById('audio-volume'); v.value = '0.3'; v.dispatchEvent(new Event('input'));");
        assertEquals(0.3, ((Number) browser.script("return document.getElementById('audio-element').volume")).doubleValue(), 0.001);

        browser.driver().findElement(By.id("audio-toggle")).click();
        browser.await(Duration.ofSeconds(10), "paused", d -> (Boolean) browser.script("return document.getElementById('audio-element').paused"));
        double left = currentTime();

        // A reload and another press of play resume where the listener left off.
        browser.driver().navigate().refresh();
        browser.driver().findElement(By.cssSelector("[data-play='" + entryId + "']")).click();
        browser.await(Duration.ofSeconds(30), "resumed", d -> d.findElement(By.id("audio-player")).getAttribute("data-resumed") != null);
        double resumed = Double.parseDouble(browser.driver().findElement(By.id("audio-player")).getAttribute("data-resumed"));
        assertEquals(left, resumed, 2.5, "resumed near " + left);
        browser.await(Duration.ofSeconds(30), "playing on from there", d -> currentTime() > resumed + 0.5);
    }
}
