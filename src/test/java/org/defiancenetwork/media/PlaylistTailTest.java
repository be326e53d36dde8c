package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaylistTailTest {

    @TempDir
    Path dir;

    @Test
    void followsAGrowingPlaylistAsAWholeParseWould() throws Exception {
        PlaylistTail tail = new PlaylistTail(50);
        for (int written : new int[] { 1, 2, 120, 121, 500, 3000 }) {
            String text = event(written, "2", 7, 119, 2990);
            Path file = replace(text);
            MediaPlaylist followed = read(tail, file);
            MediaPlaylist whole = MediaPlaylist.parse(text);
            assertEquals(whole.window(10), followed.window(10), "after " + written + " segments");
            assertTrue(followed.segments().size() <= 50, "keeps only the last segments");
        }
    }

    @Test
    void tagsOfASegmentNotYetListedAreReadAgainWithIt() throws Exception {
        PlaylistTail tail = new PlaylistTail(50);
        String text = event(5, "2");
        read(tail, replace(text + "#EXT-X-DISCONTINUITY\n#EXTINF:1.000000,\n"));
        MediaPlaylist later = read(tail, replace(text + "#EXT-X-DISCONTINUITY\n#EXTINF:1.000000,\nlate.ts\n"));
        MediaPlaylist.Segment last = later.segments().get(later.segments().size() - 1);
        assertEquals("late.ts", last.uri());
        assertTrue(last.discontinuity());
        assertEquals(1.0, last.seconds());
    }

    @Test
    void aRewrittenStartOrEndIsReadAgainFromTheStart() throws Exception {
        PlaylistTail tail = new PlaylistTail(50);
        read(tail, replace(event(100, "2")));
        MediaPlaylist longer = read(tail, replace(event(101, "4")));
        assertEquals(4, longer.targetDuration(), "FFmpeg raised the target duration in the header");
        MediaPlaylist changed = read(tail, replace(event(102, "4").replace("seg00100.ts", "other.ts")));
        assertEquals("other.ts", changed.segments().get(changed.segments().size() - 2).uri());
        MediaPlaylist shorter = read(tail, replace(event(3, "2")));
        assertEquals(3, shorter.segments().size());
        assertEquals(0, shorter.mediaSequence());
    }

    private MediaPlaylist read(PlaylistTail tail, Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return tail.read(channel);
        }
    }

    /** As FFmpeg does: a new file renamed over the old one. */
    private Path replace(String text) throws Exception {
        Path tmp = Files.writeString(dir.resolve("index.m3u8.tmp"), text);
        return Files.move(tmp, dir.resolve("index.m3u8"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String event(int segments, String target, int... discontinuities) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:" + target + "\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (int i = 0; i < segments; i++) {
            for (int d : discontinuities) {
                if (d == i) {
                    p.append("#EXT-X-DISCONTINUITY\n");
                }
            }
            p.append(String.format(Locale.ROOT, "#EXT-X-PROGRAM-DATE-TIME:2026-11-24T18:00:%02d.000+0000%n", i % 60))
                    .append(String.format(Locale.ROOT, "#EXTINF:2.000000,%nseg%05d.ts%n", i));
        }
        return p.toString();
    }
}
