package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MediaPlaylistTest {

    static final String LIVE_EVENT = """
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:0
            #EXT-X-PLAYLIST-TYPE:EVENT
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-PROGRAM-DATE-TIME:2026-11-24T18:00:00.000+0000
            #EXTINF:2.000000,
            seg00000.ts
            #EXT-X-PROGRAM-DATE-TIME:2026-11-24T18:00:02.000+0000
            #EXTINF:2.000000,
            seg00001.ts
            #EXTINF:1.500000,
            seg00002.ts
            """;

    @Test
    void readsSegmentsDurationsAndDates() {
        MediaPlaylist p = MediaPlaylist.parse(LIVE_EVENT);
        assertEquals(3, p.segments().size());
        assertEquals(5.5, p.totalSeconds(), 1e-9);
        assertEquals("2026-11-24T18:00:02.000+0000", p.segments().get(1).programDateTime());
        assertFalse(p.ended());
        assertTrue(MediaPlaylist.parse(LIVE_EVENT + "#EXT-X-ENDLIST\n").ended());
    }

    @Test
    void becomesAFinishedVodPlaylistWithPrefixedUris() {
        String vod = MediaPlaylist.parse(LIVE_EVENT).toVod("source/");
        assertTrue(vod.contains("#EXT-X-PLAYLIST-TYPE:VOD\n"));
        assertTrue(vod.contains("#EXTINF:1.500000,\nsource/seg00002.ts\n"));
        assertTrue(vod.endsWith("#EXT-X-ENDLIST\n"));
        MediaPlaylist again = MediaPlaylist.parse(vod);
        assertEquals(3, again.segments().size());
        assertTrue(again.ended());
    }

    @Test
    void retainDropsSegmentsThatFailAPredicate() {
        MediaPlaylist p = MediaPlaylist.parse(LIVE_EVENT).retain(s -> !s.uri().equals("seg00002.ts"));
        assertEquals(4.0, p.totalSeconds(), 1e-9);
    }

    @Test
    void aWindowKeepsTheLastSegmentsNumberedAsInTheWholePlaylist() {
        MediaPlaylist window = MediaPlaylist.parse(event(20, 2.0, 3, 15)).window(4);
        assertEquals(16, window.mediaSequence());
        assertEquals(List.of("seg16.ts", "seg17.ts", "seg18.ts", "seg19.ts"),
                window.segments().stream().map(MediaPlaylist.Segment::uri).toList());
        assertEquals(2, window.discontinuitySequence(), "the discontinuities at 3 and 15 fell out of the window");
        String live = window.toLive();
        assertTrue(live.contains("#EXT-X-MEDIA-SEQUENCE:16\n#EXT-X-DISCONTINUITY-SEQUENCE:2\n"), live);
        assertFalse(live.contains("PLAYLIST-TYPE"), live);
        assertFalse(live.contains("ENDLIST"), live);
        MediaPlaylist again = MediaPlaylist.parse(live);
        assertEquals(16, again.mediaSequence());
        assertEquals(4, again.segments().size());
    }

    @Test
    void aDiscontinuityOnTheFirstSegmentOfTheWindowStaysATag() {
        MediaPlaylist window = MediaPlaylist.parse(event(20, 2.0, 16)).window(4);
        assertEquals(0, window.discontinuitySequence());
        assertTrue(window.segments().get(0).discontinuity());
        assertTrue(window.toLive().contains("#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\nseg16.ts"));
    }

    @Test
    void aWindowNeverLastsLessThanThreeTargetDurations() {
        // 0.5 s segments with a target duration of 2: RFC 8216 §6.2.2 needs at least 6 s, so 12 segments
        MediaPlaylist window = MediaPlaylist.parse(event(40, 0.5)).window(4);
        assertEquals(12, window.segments().size());
        assertEquals(28, window.mediaSequence());
    }

    @Test
    void halfSecondSegmentsFromFfmpegAreLiveWithATargetDurationOfOne() {
        // what FFmpeg 5.1 writes with -hls_time 0.5: a target duration of 0, EXTINF before the date
        MediaPlaylist p = MediaPlaylist.parse(event(40, 0.5).replace("#EXT-X-TARGETDURATION:2", "#EXT-X-TARGETDURATION:0")
                .replace("#EXT-X-PLAYLIST-TYPE:EVENT\n", "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXTINF:0.500000,\n"
                        + "#EXT-X-PROGRAM-DATE-TIME:2026-11-28T19:34:08.905+0000\nfirst.ts\n"));
        assertTrue(p.isLive());
        assertEquals(1, p.targetDuration());
        assertEquals("2026-11-28T19:34:08.905+0000", p.segments().get(0).programDateTime());
        assertEquals(10, p.window(10).segments().size());
        assertTrue(p.window(10).toLive().contains("#EXT-X-TARGETDURATION:1\n"));
    }

    @Test
    void aShortPlaylistIsItsOwnWindow() {
        MediaPlaylist window = MediaPlaylist.parse(LIVE_EVENT).window(10);
        assertEquals(0, window.mediaSequence());
        assertEquals(3, window.segments().size());
        assertTrue(MediaPlaylist.parse(LIVE_EVENT).isLive());
        assertFalse(MediaPlaylist.parse(LIVE_EVENT + "#EXT-X-ENDLIST\n").isLive());
        assertFalse(MediaPlaylist.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nsource/index.m3u8\n").isLive(),
                "a master playlist is never cut");
    }

    private static String event(int segments, double seconds, int... discontinuities) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n");
        for (int i = 0; i < segments; i++) {
            for (int d : discontinuities) {
                if (d == i) {
                    p.append("#EXT-X-DISCONTINUITY\n");
                }
            }
            p.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%nseg%d.ts%n", seconds, i));
        }
        return p.toString();
    }
}
