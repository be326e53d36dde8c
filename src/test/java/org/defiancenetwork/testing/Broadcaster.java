package org.defiancenetwork.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;

/** A signed-up broadcaster with a channel and a stream key, for tests of ingest. */
public record Broadcaster(String channel, String streamKey, WebSession browser) {

    private static final Pattern KEY = Pattern.compile("id=\"stream-key-value\">(live_[A-Za-z0-9_-]+)<");

    public static Broadcaster create() {
        String name = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        WebSession browser = WebSession.signUp(name, "a long passphrase");
        browser.page("/channel/settings");
        String page = browser.postForm("/channel/settings/stream-key", Map.of()).asString();
        Matcher m = KEY.matcher(page);
        assertTrue(m.find(), "stream key shown after creating it");
        return new Broadcaster(name, m.group(1), browser);
    }

    /** A real offer from Debian's Chromium (fake camera and microphone), without candidates. */
    public static String chromiumOffer() {
        try (InputStream in = Broadcaster.class.getResourceAsStream("/whip/chromium-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets RestAssured send SDP bodies as the text they are. */
    public static void teachRestAssuredSdp() {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/sdp", ContentType.TEXT)
                .encodeContentTypeAs("application/trickle-ice-sdpfrag", ContentType.TEXT));
    }

    public String whipUrl() {
        return "/api/whip/" + channel;
    }
}
