package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.defiancenetwork.media.api.PcmConverter;
import org.junit.jupiter.api.Test;

class PcmConverterTest {

    static byte[] pcm(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    static short[] samples(byte[] data) {
        short[] out = new short[data.length / 2];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    @Test
    void monoAt48kIsDuplicatedToBothChannels() {
        byte[] out = new PcmConverter().convert(pcm((short) 1, (short) -2, (short) 30000), 16, 48_000, 1, 3);
        assertArrayEquals(new short[] { 1, 1, -2, -2, 30000, 30000 }, samples(out));
    }

    @Test
    void stereoAt48kPassesThroughAndExtraChannelsAreDropped() {
        assertArrayEquals(new short[] { 5, 6, 7, 8 },
                samples(new PcmConverter().convert(pcm((short) 5, (short) 6, (short) 7, (short) 8), 16, 48_000, 2, 2)));
        assertArrayEquals(new short[] { 1, 2, 4, 5 },
                samples(new PcmConverter().convert(pcm((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6), 16, 48_000, 3, 2)));
    }

    @Test
    void resamplingKeepsTheDurationAcrossManyChunks() {
        PcmConverter converter = new PcmConverter();
        int outFrames = 0;
        for (int chunk = 0; chunk < 100; chunk++) {
            short[] in = new short[160]; // 10 ms at 16 kHz mono
            java.util.Arrays.fill(in, (short) 1000);
            outFrames += converter.convert(pcm(in), 16, 16_000, 1, 160).length / PcmConverter.BYTES_PER_FRAME;
        }
        // one second of input is one second of output, give or take the interpolation tail
        assertTrue(Math.abs(outFrames - 48_000) <= 3, "got " + outFrames);
    }

    @Test
    void resamplingInterpolatesLinearly() {
        short[] out = samples(new PcmConverter().convert(pcm((short) 0, (short) 300), 16, 24_000, 1, 2));
        // 24 kHz → 48 kHz doubles the frames: 0, 150, 300 (left and right equal)
        assertArrayEquals(new short[] { 0, 0, 150, 150, 300, 300 }, out);
    }

    @Test
    void stretchingKeepsBothEndsAndInterpolatesBetween() {
        // stereo ramp 0, 100, 200, 300 (left) and its negative (right), stretched to 7 frames
        byte[] ramp = pcm((short) 0, (short) 0, (short) 100, (short) -100, (short) 200, (short) -200, (short) 300, (short) -300);
        short[] out = samples(PcmConverter.stretch(ramp, 7));
        assertArrayEquals(new short[] { 0, 0, 50, -50, 100, -100, 150, -150, 200, -200, 250, -250, 300, -300 }, out);
        short[] squeezed = samples(PcmConverter.stretch(ramp, 3));
        assertArrayEquals(new short[] { 0, 0, 150, -150, 300, -300 }, squeezed);
        assertSame(ramp, PcmConverter.stretch(ramp, 4), "nothing to do when the length is right");
    }

    @Test
    void refusesFormatsItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> new PcmConverter().convert(new byte[4], 8, 48_000, 1, 4));
        assertEquals(0, new PcmConverter().convert(new byte[0], 16, 48_000, 1, 0).length);
    }
}
