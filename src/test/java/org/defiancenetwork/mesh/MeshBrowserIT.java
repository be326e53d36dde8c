package org.defiancenetwork.mesh;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.Coturn;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.Studio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * One broadcaster and five viewers in headless Chromium: the first viewer gets the camera
 * directly, the other four share segments over data channels, one of them corrupting what it
 * uploads. A relay-only data channel through a real coturn proves the minted TURN credentials.
 */
class MeshBrowserIT {

    static Coturn coturn;
    static NodeProcess node;
    static org.defiancenetwork.testing.WebSession admin;
    static final List<Chromium> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.start();
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "mesh-");
        node = NodeProcess.start("mesh", Map.of(
                "defiance.data-dir", dataDir.toString(),
                "defiance.mesh.direct-viewers", "1",
                // a smaller ladder keeps six browsers and the transcoder within two cores
                "defiance.transcoder.renditions[0].max-height", "360",
                "defiance.transcoder.renditions[1].max-height", "240",
                "defiance.mesh.turn.urls", coturn.url(),
                "defiance.mesh.turn.secret", coturn.secret()));
        // the node's first account is its admin, who alone may read /admin
        admin = org.defiancenetwork.testing.Admins.firstOn(node.baseUrl());
    }

    /** Each test's browsers go with it, so the next test does not share two cores with them. */
    @AfterEach
    void closeBrowsers() throws Exception {
        for (Chromium b : browsers) {
            b.close();
        }
        browsers.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        coturn.close();
    }

    static Chromium browser(String... arguments) throws Exception {
        Chromium b = Chromium.start(arguments);
        browsers.add(b);
        return b;
    }

    @Test
    void viewersShareSegmentsDropACorrupterAndTheFirstWatchesDirectly() throws Exception {
        Chromium broadcaster = browser();
        String id = Studio.goLive(broadcaster, node.baseUrl(), "Mesh owls");
        broadcaster.await(Duration.ofSeconds(20), "broadcaster joined its swarm",
                d -> (Boolean) broadcaster.script("return document.getElementById('health-direct').dataset.swarm === 'joined'"));

        // First viewer: direct mode, media over WebRTC, no HLS requests at all.
        Chromium direct = browser();
        direct.driver().get(node.baseUrl() + "/watch/" + id);
        direct.await(Duration.ofSeconds(30), "direct mode granted",
                d -> "direct".equals(d.findElement(By.id("delivery-mode")).getAttribute("data-mode")));
        double t0 = direct.await(Duration.ofSeconds(30), "direct video plays", d -> {
            double t = Studio.currentTime(direct);
            return t > 1 ? t : null;
        });
        direct.await(Duration.ofSeconds(15), "direct video advances", d -> Studio.currentTime(direct) > t0 + 2);
        assertEquals(0L, ((Number) direct.script("return performance.getEntriesByType('resource')"
                + ".filter(e => /\\.(m3u8|ts)(\\?|$)/.test(e.name)).length")).longValue(), "no HLS request in direct mode");
        broadcaster.await(Duration.ofSeconds(15), "broadcaster counts its direct viewer",
                d -> "1".equals(Studio.text(broadcaster, "health-direct")));

        // Four HLS viewers; the corrupter joins first so it is often the one others ask.
        Chromium corrupter = browser();
        corrupter.driver().get(node.baseUrl() + "/watch/" + id + "?corrupt=1");
        List<Chromium> honest = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Chromium v = browser();
            v.driver().get(node.baseUrl() + "/watch/" + id);
            honest.add(v);
        }
        // The third opens the node by a LAN-style name (still loopback): plain HTTP there is not a
        // secure context, so the page has no crypto.subtle and must hash with the vendored library.
        Chromium lan = browser("--host-resolver-rules=MAP mesh-lan.test 127.0.0.1");
        lan.driver().get("http://mesh-lan.test:" + node.port() + "/watch/" + id);
        honest.add(lan);
        assertEquals(Boolean.TRUE, lan.script("return !window.isSecureContext && !(window.crypto && window.crypto.subtle)"),
                "the LAN viewer has no crypto.subtle");
        List<Chromium> hlsViewers = new ArrayList<>(honest);
        hlsViewers.add(corrupter);
        for (Chromium v : hlsViewers) {
            v.await(Duration.ofSeconds(60), "every viewer plays", d -> Studio.currentTime(v) > 1);
            assertEquals("hls", v.driver().findElement(By.id("delivery-mode")).getAttribute("data-mode"));
        }

        String corrupterId = (String) corrupter.script("return window.defianceWatch.mesh.peerId");
        honest.get(0).await(Duration.ofSeconds(120), "segments flow between peers and the corrupter is caught", d -> {
            long fromPeers = 0;
            boolean caught = false;
            for (Chromium v : honest) {
                fromPeers += ((Number) v.script("return window.defianceWatch.mesh.bytesFromPeers")).longValue();
                caught |= (Boolean) v.script("return window.defianceWatch.mesh.badPeers.includes(arguments[0])", corrupterId);
            }
            return fromPeers > 0 && caught;
        });
        lan.await(Duration.ofSeconds(120), "the LAN viewer verifies segments from peers without crypto.subtle",
                d -> ((Number) lan.script("return window.defianceWatch.mesh.bytesFromPeers")).longValue() > 0);

        // Whoever caught the corrupter dropped it (all viewers here share one address, so their
        // reports count once and the node does not cut it off for everyone), and everyone keeps playing.
        for (Chromium v : honest) {
            v.await(Duration.ofSeconds(30), "a viewer who caught the corrupter no longer has it as a neighbour",
                    d -> !(Boolean) v.script("const m = window.defianceWatch.mesh;"
                            + " return m.badPeers.includes(arguments[0]) && m.neighbours.has(arguments[0])", corrupterId));
            double before = Studio.currentTime(v);
            // six browsers and a transcoder saturate two cores: a viewer may be mid-stall here
            v.await(Duration.ofSeconds(60), "still playing", d -> Studio.currentTime(v) > before + 2);
        }
        honest.get(0).await(Duration.ofSeconds(20), "share from peers shown on the page", d -> honest.stream()
                .anyMatch(v -> Integer.parseInt(Studio.text(v, "p2p-share")) > 0));

        Matcher m = Pattern.compile("(?m)^defiance_mesh_bytes_from_peers_total(?:\\{[^}]*\\})? ([0-9.E]+)$")
                .matcher(given().accept("text/plain").get(node.baseUrl() + "/q/metrics").asString());
        assertTrue(m.find() && Double.parseDouble(m.group(1)) > 0, "node counts bytes from peers");
        admin.request().get(node.baseUrl() + "/admin").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(id));

        // Switching: the direct viewer asks for HLS and keeps playing.
        direct.driver().findElement(By.id("switch-mode")).click();
        direct.await(Duration.ofSeconds(20), "switched to HLS",
                d -> "hls".equals(d.findElement(By.id("delivery-mode")).getAttribute("data-mode")));
        direct.await(Duration.ofSeconds(40), "HLS plays after the switch", d -> (Boolean) direct.script(
                "return !!window.defianceWatch.hls && document.getElementById('player').currentTime > 1"));
    }

    @Test
    void relayOnlyDataChannelConnectsThroughCoturnWithMintedCredentials() throws Exception {
        Chromium broadcaster = browser();
        String id = Studio.goLive(broadcaster, node.baseUrl(), "Relay owls");
        Chromium viewer = browser();
        viewer.driver().get(node.baseUrl() + "/watch/" + id);
        viewer.await(Duration.ofSeconds(30), "joined the swarm",
                d -> (Boolean) viewer.script("return !!(window.defianceWatch.mesh && window.defianceWatch.mesh.peerId)"));
        viewer.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) viewer.driver())
                .executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const iceServers = window.defianceWatch.mesh.iceServers;
                const config = { iceServers, iceTransportPolicy: 'relay' };
                const a = new RTCPeerConnection(config), b = new RTCPeerConnection(config);
                a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
                b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
                const channel = a.createDataChannel('relay-test');
                const received = new Promise(r => b.ondatachannel = e => e.channel.onmessage = m => r(m.data));
                channel.onopen = () => channel.send('through the relay');
                (async () => {
                  await a.setLocalDescription(await a.createOffer()); await b.setRemoteDescription(a.localDescription);
                  await b.setLocalDescription(await b.createAnswer()); await a.setRemoteDescription(b.localDescription);
                  const message = await Promise.race([received, new Promise(r => setTimeout(() => r('timeout'), 15000))]);
                  const types = [];
                  (await a.getStats()).forEach(s => { if (s.type === 'local-candidate') types.push(s.candidateType); });
                  done({ message, types, username: iceServers.find(s => s.username).username });
                })();
                """);
        assertEquals("through the relay", result.get("message"));
        assertEquals(List.of("relay"), ((List<?>) result.get("types")).stream().distinct().toList());
        String username = (String) result.get("username");
        assertTrue(username.matches("\\d+:[A-Za-z0-9_-]{22}"), "expiry:peer " + username);
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        long now = System.currentTimeMillis() / 1000;
        assertTrue(expiry > now && expiry <= now + 3600 + 5, "time-limited credential: " + username);
    }
}
