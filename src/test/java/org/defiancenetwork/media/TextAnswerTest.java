package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class TextAnswerTest {

    static final Instant CHANGED = Instant.parse("2026-11-24T18:00:00.400Z");
    static final Instant LATER = Instant.parse("2026-11-24T18:00:05Z");

    @Test
    void theEntityTagFollowsTheBytesAndDiffersPerCoding() {
        TextAnswer a = new TextAnswer(bytes("#EXTM3U\n"), CHANGED);
        assertEquals(a.etag(false), new TextAnswer(bytes("#EXTM3U\n"), LATER).etag(false));
        assertNotEquals(a.etag(false), new TextAnswer(bytes("#EXTM3U\n\n"), CHANGED).etag(false));
        assertNotEquals(a.etag(false), a.etag(true));
        assertTrue(a.etag(false).startsWith("\"") && a.etag(false).endsWith("\""));
    }

    @Test
    void ifNoneMatchAcceptsEitherCodingWeakTagsListsAndStar() {
        TextAnswer a = new TextAnswer(bytes("x"), CHANGED);
        assertTrue(a.notModified(a.etag(false), null, LATER));
        assertTrue(a.notModified(a.etag(true), null, LATER));
        assertTrue(a.notModified("\"other\", W/" + a.etag(false), null, LATER));
        assertTrue(a.notModified("*", null, LATER));
        assertFalse(a.notModified("\"other\"", null, LATER));
        assertFalse(a.notModified("\"other\"", "Tue, 24 Nov 2026 18:00:00 GMT", LATER),
                "If-Modified-Since is ignored when If-None-Match is present");
    }

    @Test
    void lastModifiedWaitsUntilItsSecondIsOver() {
        TextAnswer a = new TextAnswer(bytes("x"), CHANGED);
        assertNull(a.lastModified(Instant.parse("2026-11-24T18:00:00.900Z")),
                "another version may still appear within this second");
        assertEquals("Tue, 24 Nov 2026 18:00:00 GMT", a.lastModified(LATER));
        assertTrue(a.notModified(null, "Tue, 24 Nov 2026 18:00:00 GMT", LATER));
        assertFalse(a.notModified(null, "Tue, 24 Nov 2026 17:59:59 GMT", LATER));
        assertFalse(a.notModified(null, "Tue, 24 Nov 2026 18:00:00 GMT", Instant.parse("2026-11-24T18:00:00.900Z")));
        assertFalse(a.notModified(null, "yesterday", LATER));
    }

    @Test
    void gzipOnlyWhenAcceptedWithAPositiveQuality() {
        assertTrue(TextAnswer.acceptsGzip("gzip, deflate, br"));
        assertTrue(TextAnswer.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(TextAnswer.acceptsGzip("*"));
        assertFalse(TextAnswer.acceptsGzip(null));
        assertFalse(TextAnswer.acceptsGzip("identity"));
        assertFalse(TextAnswer.acceptsGzip("gzip;q=0"));
        assertFalse(TextAnswer.acceptsGzip("gzip;q=zero"));
    }

    @Test
    void theGzipBodyDecodesToTheSameBytes() throws Exception {
        byte[] text = bytes("#EXTINF:2.000000,\nseg00001.ts\n".repeat(100));
        TextAnswer a = new TextAnswer(text, CHANGED);
        byte[] zipped = a.body(true);
        assertTrue(zipped.length < text.length / 5, "playlists compress well: " + zipped.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            assertArrayEquals(text, in.readAllBytes());
        }
        assertArrayEquals(text, a.body(false));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
