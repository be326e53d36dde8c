package org.defiancenetwork.media;

/**
 * Keeps the audio written to FFmpeg on the wall clock that also paces video, so both streams'
 * timestamps (which FFmpeg derives from sample and frame counts) stay in step: a chunk that would
 * run too far ahead is dropped, a gap that falls too far behind is filled with silence.
 */
public final class AudioTimeline {

    /** What to do with the audio at one moment. */
    public enum Action { WRITE, DROP }

    private final int sampleRate;
    private final long maxAheadSamples;
    private final long maxBehindSamples;
    private final long refillToBehindSamples;
    private long written;

    public AudioTimeline(int sampleRate, int maxAheadMillis, int maxBehindMillis, int refillToBehindMillis) {
        this.sampleRate = sampleRate;
        this.maxAheadSamples = samples(maxAheadMillis);
        this.maxBehindSamples = samples(maxBehindMillis);
        this.refillToBehindSamples = samples(refillToBehindMillis);
    }

    /** Samples that should have been written after {@code elapsedNanos} on the shared clock. */
    public long due(long elapsedNanos) {
        return elapsedNanos * sampleRate / 1_000_000_000L;
    }

    /** Decides about a received chunk of {@code frames} samples per channel. */
    public Action chunk(long elapsedNanos, int frames) {
        if (written + frames > due(elapsedNanos) + maxAheadSamples) {
            return Action.DROP;
        }
        written += frames;
        return Action.WRITE;
    }

    /** Samples of silence to write now so the audio is not too far behind the clock; often zero. */
    public long silenceNeeded(long elapsedNanos) {
        long due = due(elapsedNanos);
        if (written >= due - maxBehindSamples) {
            return 0;
        }
        long silence = due - refillToBehindSamples - written;
        written += silence;
        return silence;
    }

    public long written() {
        return written;
    }

    private long samples(int millis) {
        return (long) sampleRate * millis / 1000;
    }
}
