package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
