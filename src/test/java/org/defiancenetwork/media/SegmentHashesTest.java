package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentHashesTest {

    @TempDir
    Path dir;

    @Test
    void publishesTheHashOfEveryListedSegmentAndOnlyThose() throws Exception {
        Files.write(dir.resolve("seg00000.ts"), new byte[] { 1, 2, 3 });
        Files.write(dir.resolve("seg00001.ts"), new byte[] { 4, 5 });
        Files.write(dir.resolve("seg00002.ts.tmp"), new byte[] { 6 });
        Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXTINF:2.0,\nseg00000.ts\n");
        SegmentHashes hashes = new SegmentHashes(dir);
        assertEquals(1, hashes.update());
        assertEquals(sha256(new byte[] { 1, 2, 3 }), hashes.known().get("seg00000.ts"));
        assertFalse(hashes.known().containsKey("seg00001.ts"), "not listed yet, maybe not complete");

        Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXTINF:2.0,\nseg00000.ts\n#EXTINF:2.0,\nseg00001.ts\n");
        assertEquals(1, hashes.update());
        assertEquals(0, hashes.update(), "nothing hashed twice");
        String json = Files.readString(dir.resolve(SegmentHashes.FILE));
        assertTrue(json.contains("\"seg00001.ts\":\"" + sha256(new byte[] { 4, 5 }) + "\""), json);
        assertTrue(json.startsWith("{\"algorithm\":\"SHA-256\""));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
