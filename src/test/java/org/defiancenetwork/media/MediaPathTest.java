package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaPathTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("media"));
        Path b = Files.createDirectories(root.resolve("abc123/source"));
        Files.writeString(root.resolve("abc123/master.m3u8"), "#EXTM3U\n");
        Files.writeString(b.resolve("seg00001.ts"), "ts");
        Files.writeString(root.resolve("abc123/transcoder.log"), "secret");
        Files.writeString(tmp.resolve("outside.m3u8"), "#EXTM3U\n");
        Files.createSymbolicLink(root.resolve("abc123/escape.m3u8"), tmp.resolve("outside.m3u8"));
        Files.createSymbolicLink(root.resolve("linkdir"), tmp);
    }

    @Test
    void servesPlaylistsAndSegmentsWithTheirTypes() {
        var master = MediaPath.resolve(root, "abc123/master.m3u8").orElseThrow();
        assertEquals("application/vnd.apple.mpegurl", master.contentType());
        assertTrue(master.mutable());
        var segment = MediaPath.resolve(root, "abc123/source/seg00001.ts").orElseThrow();
        assertEquals("video/mp2t", segment.contentType());
    }

    @Test
    void refusesDotSegmentsEncodedVariantsAndOddNames() {
        for (String attack : new String[] { "abc123/../../outside.m3u8", "../outside.m3u8", "abc123/%2e%2e/x.m3u8",
                "abc123/..%2fx.m3u8", "abc123/.hidden.m3u8", "abc123//master.m3u8", "abc123\\master.m3u8",
                "abc123/master.m3u8\u0000.ts", "/etc/passwd", "abc123/source/../master.m3u8", "abc123/./master.m3u8" }) {
            assertTrue(MediaPath.resolve(root, attack).isEmpty(), attack);
        }
    }

    @Test
    void refusesSymlinksLeadingOutOfTheRoot() {
        assertTrue(MediaPath.resolve(root, "abc123/escape.m3u8").isEmpty());
        assertTrue(MediaPath.resolve(root, "linkdir/outside.m3u8").isEmpty());
    }

    @Test
    void refusesFilesThatAreNotMedia() {
        assertTrue(MediaPath.resolve(root, "abc123/transcoder.log").isEmpty());
        assertTrue(MediaPath.resolve(root, "abc123/source").isEmpty());
    }

    @Test
    void missingFileIsNothing() {
        assertTrue(MediaPath.resolve(root, "abc123/source/seg99999.ts").isEmpty());
    }
}
