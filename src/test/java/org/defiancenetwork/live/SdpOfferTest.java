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

    @Test
    void rejectsVideoSectionWithPortZero() {
        String rejected = SESSION + AUDIO + VIDEO.replace("m=video 9 ", "m=video 0 ");
        assertEquals("The video section is rejected (port 0): offer it with a port to broadcast it.",
                assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(rejected)).getMessage());
    }

    @Test
    void rejectsVideoWhoseCodecsNoDecoderHereKnows() {
        String unknown = SESSION + VIDEO.replace("VP8/", "X-MINE/").replace("H264/", "rtx/");
        assertEquals("The video section offers no codec this node can decode (offered: X-MINE, RTX; this node takes "
                + "AV1, H264, VP8, VP9).", assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(unknown)).getMessage());
    }

    @Test
    void rejectsAudioWhoseCodecsNoDecoderHereKnows() {
        String unknown = SESSION + AUDIO.replace("opus/", "x-mine/") + VIDEO;
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(unknown)).getMessage()
                .startsWith("The audio section offers no codec this node can decode"));
    }

    @Test
    void staticAudioPayloadTypesNeedNoRtpmap() throws Exception {
        String pcmu = SESSION + AUDIO.replace(" 111\r\n", " 0\r\n").replace("a=rtpmap:111 opus/48000/2\r\n", "") + VIDEO;
        assertEquals(java.util.List.of("PCMU"), SdpOffer.parse(pcmu).media().get(0).codecs());
    }

    @Test
    void rejectsTwoSectionsWithOneMid() {
        String twice = SESSION + AUDIO + VIDEO.replace("a=mid:1", "a=mid:0");
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(twice)).getMessage()
                .contains("share a=mid:0"));
    }

    @Test
    void rejectsDataChannelOnlyOffer() {
        String data = SESSION + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 AA\r\na=mid:0\r\n";
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(data)).getMessage()
                .contains("no audio or video"));
    }

    @Test
    void rejectsOffersWithTooManyOrTooLongLines() {
        String many = BROWSER_OFFER + "a=x-pad:1\r\n".repeat(SdpOffer.MAX_LINES);
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(many)).getMessage()
                .contains("at most " + SdpOffer.MAX_LINES));
        String longLine = BROWSER_OFFER + "a=x-pad:" + "x".repeat(SdpOffer.MAX_LINE_LENGTH) + "\r\n";
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(longLine)).getMessage()
                .contains("longer than " + SdpOffer.MAX_LINE_LENGTH));
    }

    @Test
    void rejectsControlCharactersInALine() {
        String nul = SESSION + "a=x-tool:ab\u0000cd\r\n" + VIDEO;
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(nul)).getMessage()
                .startsWith("Line 6 "));
    }

    @Test
    void rejectsPortThatIsNotANumber() {
        String port = SESSION + VIDEO.replace("m=video 9 ", "m=video x ");
        assertTrue(assertThrows(SdpOffer.Invalid.class, () -> SdpOffer.parse(port)).getMessage()
                .contains("port of an m= line"));
    }

    @Test
    void answerAcceptsVideoOnlyWithAPortAndACodec() {
        String answer = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";
        assertTrue(SdpOffer.acceptsVideo(answer + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"));
        assertFalse(SdpOffer.acceptsVideo(answer + "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"));
        assertFalse(SdpOffer.acceptsVideo(answer + "m=video 9 UDP/TLS/RTP/SAVPF 97\r\na=rtpmap:97 rtx/90000\r\n"));
        assertFalse(SdpOffer.acceptsVideo(answer));
    }
}
