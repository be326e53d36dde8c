package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AudioTimelineTest {

    static final long MS = 1_000_000L;
    static final int RATE = 48_000;

    AudioTimeline timeline = new AudioTimeline(RATE);

    long leadMillis(long nowNanos) {
        return (timeline.written() - timeline.due(nowNanos)) * 1000 / RATE;
    }

    @Test
    void chunksArrivingInRealTimeAreWrittenUnchanged() {
        for (int i = 1; i <= 500; i++) {
            assertEquals(480, timeline.chunk(i * 10 * MS, 480));
            assertEquals(0, timeline.silenceNeeded(i * 10 * MS));
        }
        assertEquals(240_000, timeline.written());
    }

    @Test
    void aSlowSourceIsStretchedOntoTheClockWithoutSilence() {
        // 480 samples every 10.15 ms: 1.5 % slow, like WebRTC's headless audio device
        long now = 0;
        long earliest = 0;
        long latest = 0;
        for (int i = 1; i <= 30_000; i++) {
            now = i * 10_150_000L;
            int kept = timeline.chunk(now, 480);
            assertTrue(kept >= 480 && kept <= 495, "chunk of 480 written as " + kept);
            assertEquals(0, timeline.silenceNeeded(now), "no silence at chunk " + i);
            if (now > 60_000 * MS) {
                earliest = Math.min(earliest, leadMillis(now));
                latest = Math.max(latest, leadMillis(now));
            }
        }
        assertTrue(earliest >= -10 && latest <= 10, "settled within 10 ms of the clock: " + earliest + ".." + latest);
    }

    @Test
    void aFastSourceIsSqueezedOntoTheClockWithoutDrops() {
        long now = 0;
        for (int i = 1; i <= 30_000; i++) {
            now = i * 9_850_000L;
            int kept = timeline.chunk(now, 480);
            assertTrue(kept >= 465 && kept <= 480, "chunk of 480 written as " + kept);
        }
        assertTrue(Math.abs(leadMillis(now)) <= 10, "within 10 ms of the clock: " + leadMillis(now));
    }

    @Test
    void aBurstFarAheadOfTheClockIsDropped() {
        int kept = 0;
        int dropped = 0;
        for (int i = 0; i < 50; i++) {
            if (timeline.chunk(10 * MS, 480) > 0) {
                kept++;
            } else {
                dropped++;
            }
        }
        // 10 ms elapsed + 200 ms allowance = 210 ms: about 21 chunks of 10 ms (squeezed a little)
        assertTrue(kept >= 21 && kept <= 22, "kept " + kept);
        assertEquals(50 - kept, dropped);
    }

    @Test
    void anOutageIsFilledWithSilenceButJitterIsNot() {
        assertEquals(0, timeline.silenceNeeded(150 * MS));
        long silence = timeline.silenceNeeded(500 * MS);
        assertEquals(RATE / 2, silence);
        assertEquals(timeline.due(500 * MS), timeline.written());
    }

    @Test
    void audioWaitingForFfmpegEndsAtThePresent() {
        assertEquals(RATE, timeline.start(1500 * MS, RATE / 2), "one second of silence, then the waiting half second");
        assertEquals(timeline.due(1500 * MS), timeline.written());
        assertEquals(0, timeline.start(500 * MS, RATE), "more waiting than time passed: no silence");
    }

    @Test
    void writtenAudioStaysWithinBoundsOfTheClockWhateverArrives() {
        // audio arriving 3 % fast with random bursts and a one-second outage
        Random random = new Random(42);
        long now = 0;
        for (int step = 0; step < 6000; step++) {
            now += 10 * MS;
            boolean outage = step > 2000 && step < 2100;
            int chunks = outage ? 0 : (random.nextInt(100) < 3 ? 2 : 1) + (random.nextInt(50) == 0 ? 5 : 0);
            for (int c = 0; c < chunks; c++) {
                timeline.chunk(now, 480);
            }
            timeline.silenceNeeded(now);
            long lead = leadMillis(now);
            assertTrue(lead <= 200 && lead >= -200, "audio " + lead + " ms off the clock at step " + step);
        }
    }
}
