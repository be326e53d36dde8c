package org.defiancenetwork.media;

/**
 * Keeps the audio written to FFmpeg on the wall clock that also paces video, so both streams'
 * timestamps (which FFmpeg derives from sample and frame counts) stay in step.
 * <p>
 * WebRTC's headless audio device does not deliver exactly in real time (on our machines about
 * 1.5 % slow). Filling that shortfall with silence would cut a gap into the sound every few
 * seconds, so small drift is steered away instead: each chunk is stretched or squeezed by up to
 * {@value #MAX_CORRECTION_PERCENT} %, in proportion to how far the audio is from the clock. Only an
 * outage (more than {@value #MAX_BEHIND_MILLIS} ms behind) is filled with silence, and only a burst
 * more than {@value #MAX_AHEAD_MILLIS} ms ahead is dropped.
 */
public final class AudioTimeline {

    static final int MAX_AHEAD_MILLIS = 200;
    static final int MAX_BEHIND_MILLIS = 200;
    static final int MAX_CORRECTION_PERCENT = 3;
    /** Rate correction per second of distance from the clock: 20 ms off corrects by 2 %. */
    private static final double GAIN_PER_SECOND = 1.0;
    /**
     * And per second-second of distance accumulated: without it a steadily slow source would
     * settle at a fixed distance (1.5 % slow: 15 ms early); with it the distance returns to zero.
     */
    private static final double INTEGRAL_GAIN = 0.1;
    /** Smoothing of the measured distance, per chunk: arrival jitter must not wobble the pitch. */
    private static final double SMOOTHING = 0.05;

    private final int sampleRate;
    private final long maxAheadSamples;
    private final long maxBehindSamples;
    private long written;
    private double smoothedLead;
    private double integral;
    private double carry;

    public AudioTimeline(int sampleRate) {
        this.sampleRate = sampleRate;
        this.maxAheadSamples = (long) sampleRate * MAX_AHEAD_MILLIS / 1000;
        this.maxBehindSamples = (long) sampleRate * MAX_BEHIND_MILLIS / 1000;
    }

    /** Samples that should have been written after {@code elapsedNanos} on the shared clock. */
    public long due(long elapsedNanos) {
        return elapsedNanos * sampleRate / 1_000_000_000L;
    }

    /**
     * Audio that waited while FFmpeg started: silence first, so the waiting {@code queuedFrames}
     * end at the clock's present. Returns the samples of silence to write before them.
     */
    public long start(long elapsedNanos, long queuedFrames) {
        long silence = Math.max(0, due(elapsedNanos) - queuedFrames);
        written = silence + queuedFrames;
        return silence;
    }

    /**
     * Decides about a chunk of {@code frames} samples per channel that has just arrived: how many
     * frames to write for it (close to {@code frames}), or 0 to drop it.
     */
    public int chunk(long elapsedNanos, int frames) {
        long lead = written + frames - due(elapsedNanos);
        if (lead > maxAheadSamples) {
            return 0;
        }
        smoothedLead += SMOOTHING * (lead - smoothedLead);
        double leadSeconds = smoothedLead / sampleRate;
        double limit = MAX_CORRECTION_PERCENT / 100.0;
        // the accumulated part alone never asks for more than the largest correction (no wind-up)
        integral = Math.max(-limit / INTEGRAL_GAIN,
                Math.min(limit / INTEGRAL_GAIN, integral + leadSeconds * frames / sampleRate));
        double correction = -GAIN_PER_SECOND * leadSeconds - INTEGRAL_GAIN * integral;
        correction = Math.max(-limit, Math.min(limit, correction));
        double exact = frames * (1 + correction) + carry;
        int out = (int) Math.round(exact);
        carry = exact - out;
        written += out;
        return out;
    }

    /** Samples of silence to write now because audio stopped arriving; usually zero. */
    public long silenceNeeded(long elapsedNanos) {
        long due = due(elapsedNanos);
        if (written >= due - maxBehindSamples) {
            return 0;
        }
        long silence = due - written;
        written = due;
        smoothedLead = 0;
        integral = 0;
        return silence;
    }

    public long written() {
        return written;
    }
}
