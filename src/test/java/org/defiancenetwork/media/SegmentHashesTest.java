package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;

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
        assertFalse(Files.exists(dir.resolve(SegmentHashes.FILE)),
                "while live, viewers get the window's hashes; the record is not rewritten for every segment");

        Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXTINF:2.0,\nseg00000.ts\n#EXTINF:2.0,\nseg00001.ts\n#EXT-X-ENDLIST\n");
        assertEquals(0, hashes.update());
        String json = Files.readString(dir.resolve(SegmentHashes.FILE));
        assertTrue(json.contains("\"seg00000.ts\":\"" + sha256(new byte[] { 1, 2, 3 }) + "\""), json);
        assertTrue(json.contains("\"seg00001.ts\":\"" + sha256(new byte[] { 4, 5 }) + "\""), json);
        assertTrue(json.startsWith("{\"algorithm\":\"SHA-256\""));
    }

    @Test
    void aFlushWritesTheRecordOfALivePlaylistAndAFreshReaderHashesAllOfIt() throws Exception {
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n");
        for (int i = 0; i < 1500; i++) {
            String name = String.format(Locale.ROOT, "seg%05d.ts", i);
            Files.write(dir.resolve(name), new byte[] { (byte) i, (byte) (i >> 8) });
            playlist.append("#EXTINF:2.0,\n").append(name).append('\n');
        }
        playlist.append("#EXTINF:2.0,\nnotyet.ts\n");
        Files.writeString(dir.resolve("index.m3u8"), playlist);
        SegmentHashes hashes = new SegmentHashes(dir);
        assertEquals(1500, hashes.update(true));
        assertEquals(1500, new JsonPath(Files.readString(dir.resolve(SegmentHashes.FILE)))
                .getMap("segments").size());

        Files.write(dir.resolve("notyet.ts"), new byte[] { 9 });
        assertEquals(1, hashes.update(), "a listed segment that was not there yet is looked for again");
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
