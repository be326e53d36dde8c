package org.defiancenetwork.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.Studio;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Chat and live updates in the browser: the home page lists a broadcast as it starts, viewers
 * chat, and hostile chat text stays text in the DOM.
 */
class ChatBrowserIT {

    static final List<String> PAYLOADS = List.of(
            "<img src=x onerror=\"window.__xss=1\">",
            "<script>window.__xss=2</script>",
            "\"><svg onload=window.__xss=3>",
            "javascript:window.__xss=4",
            "<a href=\"javascript:window.__xss=5\">click</a>");

    @Test
    void liveListUpdatesWithoutReloadAndChatTextStaysText() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chat-");
        try (NodeProcess node = NodeProcess.start("chat", Map.of("defiance.data-dir", dataDir.toString()));
                Chromium home = Chromium.start(); Chromium broadcaster = Chromium.start(); Chromium viewer = Chromium.start()) {
            home.driver().get(node.baseUrl() + "/");
            home.await(Duration.ofSeconds(10), "empty live list", d -> d.findElement(By.id("live-empty")).isDisplayed());

            String id = Studio.goLive(broadcaster, node.baseUrl(), "Chatty owls");
            home.await(Duration.ofSeconds(30), "the home page lists the broadcast without a reload",
                    d -> !d.findElements(By.cssSelector("#live-list a[href='/watch/" + id + "']")).isEmpty());

            viewer.driver().get(node.baseUrl() + "/watch/" + id);
            WebElement nick = viewer.driver().findElement(By.id("chat-nick"));
            nick.sendKeys("mallory");
            viewer.script("arguments[0].dispatchEvent(new Event('change'))", nick);
            viewer.await(Duration.ofSeconds(20), "chat reconnected under the nickname",
                    d -> "open".equals(d.findElement(By.id("chat")).getAttribute("data-state")));
            viewer.await(Duration.ofSeconds(20), "viewer counted on the broadcaster's page without a reload",
                    d -> !"–".equals(Studio.text(broadcaster, "health-viewers")) && !"0".equals(Studio.text(broadcaster, "health-viewers")));

            for (String payload : PAYLOADS) {
                WebElement input = viewer.driver().findElement(By.id("chat-input"));
                input.sendKeys(payload);
                viewer.driver().findElement(By.id("chat-send")).click();
                viewer.await(Duration.ofSeconds(10), "own message shown", d -> chatTexts(viewer).contains(payload));
            }

            broadcaster.await(Duration.ofSeconds(20), "the broadcaster's chat shows every payload as text",
                    d -> chatTexts(broadcaster).containsAll(PAYLOADS));
            for (Chromium page : List.of(viewer, broadcaster)) {
                assertEquals(null, page.script("return window.__xss === undefined ? null : window.__xss"), "no payload ran");
                assertEquals(0L, ((Number) page.script("return document.querySelectorAll("
                        + "'#chat-messages img, #chat-messages script, #chat-messages svg, #chat-messages a').length")).longValue(),
                        "no element came from chat text");
            }
            assertTrue(broadcaster.driver().findElement(By.cssSelector("#chat-messages .chat-author.guest")).getText()
                    .contains("mallory (guest)"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> chatTexts(Chromium page) {
        return (List<String>) page.script("return [...document.querySelectorAll('#chat-messages .chat-text')].map(e => e.textContent)");
    }
}
