package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defiancenetwork.media.api.TranscoderProgress;
import org.junit.jupiter.api.Test;

class TranscoderProgressTest {

    @Test
    void foldsABlockIntoOneSnapshot() {
        var reader = new TranscoderProgress.Reader();
        String[] block = { "frame=301", "fps=29.97", "stream_0_0_q=23.0", "bitrate=N/A", "out_time_us=10033333",
                "out_time=00:00:10.033333", "dup_frames=2", "drop_frames=1", "speed=1.01x" };
        for (String line : block) {
            assertNull(reader.accept(line));
        }
        TranscoderProgress p = reader.accept("progress=continue");
        assertEquals(new TranscoderProgress(301, 29.97, 1.01, 10033, 1, 2, false), p);
    }

    @Test
    void unknownValuesReadAsZeroAndEndIsReported() {
        var reader = new TranscoderProgress.Reader();
        reader.accept("speed=N/A");
        reader.accept("garbage without equals");
        TranscoderProgress p = reader.accept("progress=end");
        assertEquals(0, p.speed());
        assertTrue(p.ended());
    }
}
