package org.defiancenetwork.testing;

import java.time.Duration;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The broadcaster's side of browser tests: sign up through the pages and go live from /broadcast. */
public final class Studio {

    private Studio() {
    }

    /** Signs up a new broadcaster, goes live with the fake camera, and returns the broadcast id. */
    public static String goLive(Chromium browser, String baseUrl, String title) {
        String name = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        browser.driver().get(baseUrl + "/signup");
        browser.driver().findElement(By.name("username")).sendKeys(name);
        browser.driver().findElement(By.name("password")).sendKeys("a long passphrase");
        browser.driver().findElement(By.name("confirm")).sendKeys("a long passphrase");
        browser.driver().findElement(By.cssSelector("#signup-form button[type=submit]")).click();
        browser.await(Duration.ofSeconds(20), "landed on the broadcast page", d -> d.getCurrentUrl().endsWith("/broadcast"));
        browser.await(Duration.ofSeconds(20), "camera preview", d -> ((Number) browser.script(
                "return document.getElementById('preview').videoWidth")).intValue() > 0);
        if (title != null) {
            WebElement titleField = browser.driver().findElement(By.id("title"));
            titleField.clear();
            titleField.sendKeys(title);
        }
        browser.driver().findElement(By.id("go-live")).click();
        browser.await(Duration.ofSeconds(30), "went live (error: " + text(browser, "broadcast-error") + ")",
                d -> d.findElement(By.id("watch-link-line")).isDisplayed());
        String href = browser.driver().findElement(By.id("watch-link")).getAttribute("href");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    public static String text(Chromium browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** The watch page's video position in seconds. */
    public static double currentTime(Chromium browser) {
        return ((Number) browser.script("return document.getElementById('player').currentTime")).doubleValue();
    }
}
