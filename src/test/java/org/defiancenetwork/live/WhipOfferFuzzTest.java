package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.junit.jupiter.api.Test;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.MediaType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Real offers from webrtc-java, each broken in one way a careless or hostile client might: every
 * one is refused with a precise 4xx and its reason, and the node goes on taking broadcasts. An
 * offer that got through used to be answered and then crash the JVM when its session closed.
 */
@QuarkusTest
class WhipOfferFuzzTest {

    @Inject
    WebRtcStack webrtc;

    record Case(int status, String detail, String offer) {
    }

    @Test
    void brokenOffersAreRefusedAndTheNodeKeepsBroadcasting() throws Exception {
        Broadcaster.teachRestAssuredSdp();
        Broadcaster owner = Broadcaster.create();
        PeerConnectionFactory factory = webrtc.factory();
        String real = RealOffers.audioAndVideo(factory);
        String videoOnly;
        try (JavaWhipClient client = new JavaWhipClient(factory, 320, 180, 15)) {
            videoOnly = client.offer();
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("every section rejected", new Case(400, "video section is rejected (port 0)",
                RealOffers.rejectSections(real, "")));
        cases.put("video rejected, audio kept", new Case(400, "video section is rejected (port 0)",
                RealOffers.rejectSections(real, "video")));
        cases.put("video-only offer with its section rejected", new Case(400, "video section is rejected (port 0)",
                RealOffers.rejectSections(videoOnly, "video")));
        cases.put("unknown video codecs only", new Case(400, "offers no codec this node can decode",
                RealOffers.unknownVideoCodecs(real)));
        cases.put("only retransmission and FEC formats", new Case(400, "offers no codec this node can decode",
                RealOffers.keepVideoCodecs(real, codec -> !codec.matches("(?i)(H264|VP8|VP9|AV1)/.*"))));
        cases.put("H.264 in a packetization mode no decoder here takes", new Case(400, "cannot receive the offered video",
                RealOffers.videoFmtp(RealOffers.keepVideoCodecs(real, codec -> codec.startsWith("H264/")),
                        "packetization-mode", "5")));
        cases.put("a transport libwebrtc does not speak", new Case(400, "Unsupported protocol",
                real.replaceFirst("(?m)^(m=video \\d+) \\S+ ", "$1 TCP/MRCPv2 ")));
        cases.put("duplicate mids", new Case(400, "share a=mid", RealOffers.duplicateMids(real)));
        cases.put("data channel only", new Case(400, "no audio or video", RealOffers.dataChannelOnly(factory)));
        cases.put("60 KB of attributes", new Case(400, "this node takes at most", RealOffers.padded(real, 60 * 1024)));
        cases.put("one 56 KB attribute", new Case(400, "longer than",
                RealOffers.insertLine(real, 5, "a=x-padding:" + "x".repeat(56 * 1024))));
        cases.put("more than 64 KiB", new Case(413, "larger than", RealOffers.padded(real, 70 * 1024)));
        cases.put("a garbage line", new Case(400, "Line 6 of the offer is not an SDP line",
                RealOffers.insertLine(real, 5, "this is not sdp")));
        cases.put("a NUL inside an attribute", new Case(400, "Line 4 of the offer is not an SDP line",
                RealOffers.insertLine(real, 3, "a=x-nul:ab\u0000cd")));
        cases.put("an m= line without a port", new Case(400, "port of an m= line",
                real.replaceFirst("(?m)^m=video \\d+ ", "m=video video ")));
        cases.put("a truncated m= line", new Case(400, "needs media, port, protocol and formats",
                real.replaceFirst("(?m)^m=video .*$", "m=video 9")));

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            Response answer = given().redirects().follow(false)
                    .header("Authorization", "Bearer " + owner.streamKey())
                    .contentType("application/sdp").body(c.getValue().offer())
                    .post(owner.whipUrl());
            if (answer.statusCode() == 201) {
                // Closing such a session is what used to kill the node; do it, so the test shows it.
                given().header("Authorization", "Bearer " + owner.streamKey()).delete(answer.header("Location"));
            }
            String detail = answer.contentType().startsWith("application/problem+json")
                    ? answer.jsonPath().getString("detail") : "";
            if (answer.statusCode() != c.getValue().status() || detail == null || !detail.contains(c.getValue().detail())) {
                wrong.add(c.getKey() + ": " + answer.statusCode() + " " + answer.contentType() + " " + detail);
            }
        }
        assertEquals(List.of(), wrong, "each broken offer gets its own 4xx and reason");

        try (JavaWhipClient client = new JavaWhipClient(factory, 640, 360, 30)) {
            Response created = given().header("Authorization", "Bearer " + owner.streamKey())
                    .contentType("application/sdp").body(client.offer())
                    .post(owner.whipUrl());
            created.then().statusCode(201);
            client.answer(created.asString());
            String id = created.header("X-Defiance-Broadcast");
            Await.until(Duration.ofSeconds(60), "the real offer going live after the broken ones", () -> {
                JsonPath s = given().get("/api/broadcasts/" + id).jsonPath();
                return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > 30;
            });
            given().header("Authorization", "Bearer " + owner.streamKey()).delete(created.header("Location"))
                    .then().statusCode(200);
        }
    }

    /** The codecs SdpOffer accepts are exactly the media codecs webrtc-java's decoders receive. */
    @Test
    void acceptedCodecsAreTheOnesWebRtcReceives() {
        PeerConnectionFactory factory = webrtc.factory();
        Set<String> notMedia = Set.of("RTX", "RED", "ULPFEC", "FLEXFEC-03", "CN", "TELEPHONE-EVENT");
        assertEquals(SdpOffer.VIDEO_CODECS, receives(factory, MediaType.VIDEO, notMedia));
        assertEquals(SdpOffer.AUDIO_CODECS, receives(factory, MediaType.AUDIO, notMedia));
        assertTrue(SdpOffer.VIDEO_CODECS.contains("H264"), "browsers' and OBS's default");
    }

    private static Set<String> receives(PeerConnectionFactory factory, MediaType type, Set<String> notMedia) {
        return factory.getRtpReceiverCapabilities(type).getCodecs().stream()
                .map(RTCRtpCodecCapability::getName)
                .map(name -> name.toUpperCase(Locale.ROOT))
                .filter(name -> !notMedia.contains(name))
                .collect(Collectors.toSet());
    }
}
