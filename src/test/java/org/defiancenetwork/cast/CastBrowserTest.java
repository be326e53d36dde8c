package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.Recordings;
import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.LanNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cast button as a person uses it, in Debian's Chromium: watch page → Cast → the picker lists
 * the test devices (a Cast v2 device and gmediarender, in a namespace of the test's own) → the
 * remote shows what the device reports, and follows a pause.
 */
@QuarkusTest
class CastBrowserTest {

    @Inject
    MediaLayout layout;
    @Inject
    Recordings recordings;
    @TestHTTPResource("/")
    String base;

    private LanNamespace lan;
    private CastTestDevice tv;
    private Process speaker;

    @Test
    void watchPageCastButtonPicksADeviceAndTheRemoteFollowsIt() throws Exception {
        String why = LanNamespace.unavailableBecause();
        Assumptions.assumeTrue(why == null, "network namespaces cannot be created here: " + why);
        why = CastTestDevice.unavailableBecause();
        Assumptions.assumeTrue(why == null, why);
        lan = LanNamespace.create();
        tv = CastTestDevice.start(lan, "Bedroom TV", "9a8b7c6d5e4f3a2b");
        speaker = lan.process("gmediarender", "-I", lan.deviceInterface(), "-p", "49494", "-f", "Study Speaker",
                "-u", UUID.randomUUID().toString(), "--gstout-videosink=fakevideosink", "--gstout-audiosink=fakeaudiosink")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "gmediarender-browser.log").toFile()).start();
        String recording = CastFixtures.recording(layout, recordings, "Owls at dawn", 10);
        String admin = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        CastFixtures.admin(admin);
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;

        try (Chromium browser = Chromium.start()) {
            browser.driver().get(root + "/signin");
            browser.driver().findElement(By.name("username")).sendKeys(admin);
            browser.driver().findElement(By.name("password")).sendKeys(CastFixtures.PASSWORD);
            browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();
            browser.await(Duration.ofSeconds(30), "signed in", d -> !d.getCurrentUrl().contains("/signin"));

            browser.driver().get(root + "/watch/" + recording);
            browser.await(Duration.ofSeconds(30), "the Download link", d -> !d.findElements(By.id("download-recording")).isEmpty());
            browser.driver().findElement(By.id("cast-button")).click();
            browser.await(Duration.ofSeconds(60), "both test devices in the picker (" + text(browser, "cast-message") + ")", d -> {
                String list = text(browser, "cast-devices");
                if (list.contains("Bedroom TV") && list.contains("Study Speaker")) {
                    return true;
                }
                d.findElement(By.cssSelector("#cast-dialog .cast-search")).click();
                return false;
            });
            assertTrue(browser.driver().findElement(By.cssSelector("[data-protocol=chromecast] svg")).isDisplayed(), "protocol icon");
            assertTrue(text(browser, "cast-devices").contains("DLNA"));
            java.nio.file.Files.copy(((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    Path.of("target", "cast-picker.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            WebElement address = browser.driver().findElement(By.cssSelector(".cast-add-form input[name=address]"));
            browser.driver().findElement(By.cssSelector(".cast-add summary")).click();
            address.sendKeys("8.8.8.8");
            browser.driver().findElement(By.cssSelector(".cast-add-form button[type=submit]")).click();
            browser.await(Duration.ofSeconds(20), "the node's reason for refusing the address",
                    d -> text(browser, "cast-message").contains("not on a local network"));

            browser.await(Duration.ofSeconds(20), "chose the Cast device", d -> {
                try {
                    d.findElement(By.xpath("//li[@data-protocol='chromecast']//button")).click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                    return false;
                }
            });
            browser.await(Duration.ofSeconds(30), "the remote shows the device playing (" + text(browser, "cast-message") + ")",
                    d -> "PLAYING".equals(d.findElement(By.id("cast-state")).getAttribute("data-state")));
            assertEquals("Playing", text(browser, "cast-state"));
            assertTrue(tv.awaitMessage("media", "LOAD").getString("message.media.contentId").endsWith("/media/" + recording + "/recording.m3u8"));

            browser.driver().findElement(By.id("cast-toggle")).click();
            tv.awaitMessage("media", "PAUSE");
            browser.await(Duration.ofSeconds(20), "the remote follows the pause",
                    d -> "PAUSED".equals(d.findElement(By.id("cast-state")).getAttribute("data-state")));
            assertEquals("Play", text(browser, "cast-toggle"));
            java.nio.file.Files.copy(((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    Path.of("target", "cast-remote.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // Someone pauses and plays on the TV itself: the page hears it over /api/events.
            browser.driver().findElement(By.id("cast-toggle")).click();
            browser.await(Duration.ofSeconds(20), "playing again",
                    d -> "PLAYING".equals(d.findElement(By.id("cast-state")).getAttribute("data-state")));
            tv.command("pause-from-remote");
            browser.await(Duration.ofSeconds(20), "the remote follows the device's own report",
                    d -> "PAUSED".equals(d.findElement(By.id("cast-state")).getAttribute("data-state")));

            browser.driver().findElement(By.id("cast-stop")).click();
            browser.await(Duration.ofSeconds(20), "ended", d -> "ENDED".equals(d.findElement(By.id("cast-state")).getAttribute("data-state")));
        }
    }

    @AfterEach
    void stopDevices() throws Exception {
        if (tv != null) {
            tv.close();
        }
        if (speaker != null) {
            speaker.destroy();
            speaker.waitFor(10, TimeUnit.SECONDS);
        }
        if (lan != null) {
            lan.close();
        }
    }

    private static String text(Chromium browser, String id) {
        try {
            return browser.driver().findElements(By.id(id)).stream().findFirst().map(WebElement::getText).orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return "";
        }
    }
}
