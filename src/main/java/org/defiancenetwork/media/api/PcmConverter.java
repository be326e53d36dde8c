package org.defiancenetwork.media.api;

import java.util.Arrays;

/**
 * Turns 16-bit PCM as WebRTC delivers it (any rate, one or more interleaved channels) into the one
 * format the transcoder reads: 48 kHz, stereo, signed 16-bit little-endian. Resampling is linear
 * and keeps its position between chunks, so chunk boundaries do not click.
 */
public final class PcmConverter {

    public static final int RATE = 48_000;
    public static final int CHANNELS = 2;
    public static final int BYTES_PER_FRAME = CHANNELS * 2;

    private double position;
    private short lastLeft;
    private short lastRight;
    private boolean primed;

    /**
     * @param data interleaved signed 16-bit little-endian samples
     * @return the same sound as 48 kHz stereo s16le; possibly empty for a tiny chunk
     */
    public byte[] convert(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16 || channels < 1 || sampleRate < 1000) {
            throw new IllegalArgumentException("unsupported PCM: " + bitsPerSample + " bit, " + sampleRate + " Hz, "
                    + channels + " channels");
        }
        int available = Math.min(frames, data.length / (2 * channels));
        if (sampleRate == RATE) {
            byte[] out = new byte[available * BYTES_PER_FRAME];
            for (int i = 0; i < available; i++) {
                short left = sample(data, i * channels);
                short right = channels > 1 ? sample(data, i * channels + 1) : left;
                put(out, i, left, right);
            }
            return out;
        }
        return resample(data, sampleRate, channels, available);
    }

    private byte[] resample(byte[] data, int sampleRate, int channels, int frames) {
        double step = (double) sampleRate / RATE;
        // position is measured in input frames, relative to this chunk; -1 is the last frame of the previous chunk
        int outFrames = (int) Math.max(0, Math.floor((frames - 1 - position) / step) + 1);
        byte[] out = new byte[outFrames * BYTES_PER_FRAME];
        for (int o = 0; o < outFrames; o++) {
            double at = position + o * step;
            int i = (int) Math.floor(at);
            double frac = at - i;
            short l0 = i < 0 ? (primed ? lastLeft : sample(data, 0)) : sample(data, i * channels);
            short r0 = i < 0 ? (primed ? lastRight : rightOf(data, 0, channels)) : rightOf(data, i, channels);
            int next = Math.min(i + 1, frames - 1);
            short l1 = sample(data, next * channels);
            short r1 = rightOf(data, next, channels);
            put(out, o, between(l0, l1, frac), between(r0, r1, frac));
        }
        position = position + outFrames * step - frames;
        if (frames > 0) {
            lastLeft = sample(data, (frames - 1) * channels);
            lastRight = rightOf(data, frames - 1, channels);
            primed = true;
        }
        return out;
    }

    /**
     * Stretches or squeezes a chunk already in the transcoder's format to {@code outFrames} frames
     * by linear interpolation: the gentle rate correction that keeps audio on the node's clock.
     */
    public static byte[] stretch(byte[] pcm, int outFrames) {
        int frames = pcm.length / BYTES_PER_FRAME;
        if (outFrames == frames || frames < 2 || outFrames < 2) {
            return outFrames == frames ? pcm : Arrays.copyOf(pcm, Math.max(0, outFrames) * BYTES_PER_FRAME);
        }
        byte[] out = new byte[outFrames * BYTES_PER_FRAME];
        double step = (double) (frames - 1) / (outFrames - 1);
        for (int o = 0; o < outFrames; o++) {
            double at = o * step;
            int i = Math.min((int) at, frames - 2);
            double frac = at - i;
            put(out, o, between(sample(pcm, 2 * i), sample(pcm, 2 * i + 2), frac),
                    between(sample(pcm, 2 * i + 1), sample(pcm, 2 * i + 3), frac));
        }
        return out;
    }

    private static short between(short a, short b, double frac) {
        return (short) Math.round(a + (b - a) * frac);
    }

    private static short rightOf(byte[] data, int frame, int channels) {
        return sample(data, frame * channels + (channels > 1 ? 1 : 0));
    }

    private static short sample(byte[] data, int index) {
        return (short) ((data[2 * index] & 0xff) | (data[2 * index + 1] << 8));
    }

    private static void put(byte[] out, int frame, short left, short right) {
        int at = frame * BYTES_PER_FRAME;
        out[at] = (byte) left;
        out[at + 1] = (byte) (left >> 8);
        out[at + 2] = (byte) right;
        out[at + 3] = (byte) (right >> 8);
    }
}
