package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AudioTimelineTest {

    static final long MS = 1_000_000L;

    AudioTimeline timeline = new AudioTimeline(48_000, 100, 80, 40);

    @Test
    void chunksArrivingInRealTimeAreAllWritten() {
        for (int i = 1; i <= 500; i++) {
            assertEquals(AudioTimeline.Action.WRITE, timeline.chunk(i * 10 * MS, 480));
            assertEquals(0, timeline.silenceNeeded(i * 10 * MS));
        }
        assertEquals(240_000, timeline.written());
    }

    @Test
    void aBurstFarAheadOfTheClockIsDropped() {
        int written = 0;
        int dropped = 0;
        for (int i = 0; i < 50; i++) {
            if (timeline.chunk(10 * MS, 480) == AudioTimeline.Action.WRITE) {
                written++;
            } else {
                dropped++;
            }
        }
        // 10 ms elapsed + 100 ms allowance = 110 ms = 11 chunks of 10 ms
        assertEquals(11, written);
        assertEquals(39, dropped);
    }

    @Test
    void silenceFillsAGapButNotSmallJitter() {
        assertEquals(0, timeline.silenceNeeded(70 * MS));
        long silence = timeline.silenceNeeded(500 * MS);
        assertEquals(48_000 * 460 / 1000, silence);
        assertEquals(timeline.due(500 * MS) - 48_000 * 40 / 1000, timeline.written());
    }

    @Test
    void writtenAudioStaysWithinBoundsOfTheClockWhateverArrives() {
        // audio arriving 3 % fast with random bursts and a one-second outage
        java.util.Random random = new java.util.Random(42);
        long now = 0;
        for (int step = 0; step < 6000; step++) {
            now += 10 * MS;
            boolean outage = step > 2000 && step < 2100;
            int chunks = outage ? 0 : (random.nextInt(100) < 3 ? 2 : 1) + (random.nextInt(50) == 0 ? 5 : 0);
            for (int c = 0; c < chunks; c++) {
                timeline.chunk(now, 480);
            }
            timeline.silenceNeeded(now);
            long offset = timeline.written() - timeline.due(now);
            org.junit.jupiter.api.Assertions.assertTrue(offset <= 4800 && offset >= -3840 - 480,
                    "audio " + offset + " samples off the clock at step " + step);
        }
    }
}
