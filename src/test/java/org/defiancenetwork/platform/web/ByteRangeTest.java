package org.defiancenetwork.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void noOrMalformedHeaderMeansWholeFile() throws Exception {
        assertTrue(ByteRange.parse(null, 100).isEmpty());
        assertTrue(ByteRange.parse("items=0-1", 100).isEmpty());
        assertTrue(ByteRange.parse("bytes=0-1,5-6", 100).isEmpty());
        assertTrue(ByteRange.parse("bytes=-", 100).isEmpty());
        // last-pos before first-pos makes the header invalid: ignored, not 416 (RFC 9110 §14.1.1, §14.2)
        assertTrue(ByteRange.parse("bytes=5-1", 100).isEmpty());
        assertTrue(ByteRange.parse("bytes=9-3", 100).isEmpty());
    }

    @Test
    void closedOpenAndSuffixRanges() throws Exception {
        assertEquals(Optional.of(new ByteRange(0, 9)), ByteRange.parse("bytes=0-9", 100));
        assertEquals(Optional.of(new ByteRange(90, 99)), ByteRange.parse("bytes=90-", 100));
        assertEquals(Optional.of(new ByteRange(80, 99)), ByteRange.parse("bytes=-20", 100));
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=-500", 100));
        assertEquals(Optional.of(new ByteRange(50, 99)), ByteRange.parse("bytes=50-5000", 100));
        assertEquals("bytes 0-9/100", new ByteRange(0, 9).contentRange(100));
        assertEquals(10, new ByteRange(0, 9).length());
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=99999999999999999999-", 100));
    }
}
