package org.defiancenetwork.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpOfferTest {

    static final String SESSION = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0 1\r\n";
    static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n"
            + "a=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\na=mid:0\r\na=sendonly\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n";
    static final String VIDEO = "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n"
            + "a=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\na=mid:1\r\na=sendonly\r\n"
            + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 H264/90000\r\n";

    /** A browser's typical offer: audio and video, sendonly. */
    public static final String BROWSER_OFFER = SESSION + AUDIO + VIDEO;

    @Test
    void acceptsAudioAndVideoOffer() throws Exception {
        SdpOffer offer = SdpOffer.parse(BROWSER_OFFER);
        assertTrue(offer.has("audio"));
        assertTrue(offer.has("video"));
        assertEquals(java.util.List.of("VP8", "H264"), offer.media().get(1).codecs());
    }

    @Test
    void acceptsVideoWithoutAudio() throws Exception {
        SdpOffer offer = SdpOffer.parse(SESSION + VIDEO);
        assertFalse(offer.has("audio"));
    }

    @Test
    void acceptsLineFeedsWithoutCarriageReturns() throws Exception {
        assertTrue(SdpOffer.parse(BROWSER_OFFER.replace("\r\n", "\n")).has("video"));
    }

    @Test
    void rejectsEmptyBody() {
        assertEquals("The offer is empty: send an SDP offer as the request body.",
                assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse("  ")).getMessage());
    }

    @Test
    void rejectsSomethingThatIsNotSdp() {
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse("{\"sdp\": \"v=0\"}"))
                .getMessage().contains("first line must be v=0"));
    }

    @Test
    void rejectsGarbageLineWithItsNumber() {
        String broken = SESSION + "this is not sdp\r\n" + VIDEO;
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(broken)).getMessage()
                .startsWith("Line 6 "));
    }

    @Test
    void rejectsOfferWithoutMedia() {
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(SESSION)).getMessage()
                .contains("no audio or video"));
    }

    @Test
    void rejectsAudioOnlyOffer() {
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(SESSION + AUDIO)).getMessage()
                .contains("no video"));
    }

    @Test
    void rejectsVideoThatOnlyWantsToReceive() {
        String recvonly = SESSION + VIDEO.replace("a=sendonly", "a=recvonly");
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(recvonly)).getMessage()
                .contains("no audio or video"));
    }

    @Test
    void rejectsOfferWithoutIceCredentials() {
        String noIce = SESSION + VIDEO.replace("a=ice-ufrag:abcd\r\n", "");
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(noIce)).getMessage()
                .contains("no ICE credentials"));
    }

    @Test
    void rejectsOfferWithoutFingerprint() {
        String noDtls = SESSION + VIDEO.replace("a=fingerprint:sha-256 AA:BB\r\n", "");
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(noDtls)).getMessage()
                .contains("no DTLS fingerprint"));
    }

    @Test
    void sessionLevelCredentialsCoverEverySection() throws Exception {
        String sessionIce = SESSION + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 AA\r\n"
                + VIDEO.replace("a=ice-ufrag:abcd\r\n", "").replace("a=fingerprint:sha-256 AA:BB\r\n", "");
        assertTrue(SdpOffer.parse(sessionIce).has("video"));
    }
}
