package org.defiancenetwork.discovery;

import java.time.Duration;
import java.util.Optional;

/**
 * A peer's record of answering probes. Reliability is a decaying success ratio: before each probe
 * both the success and the attempt weight shrink by {@link #DECAY}, then the attempt adds one and a
 * success adds one, so the last ten or so probes dominate and an old outage fades. After failures
 * the next probe waits twice as long each time, up to a limit, so a dead node costs little.
 */
public record ProbeHistory(double successWeight, double attemptWeight, int failures) {

    public static final double DECAY = 0.85;
    public static final ProbeHistory NONE = new ProbeHistory(0, 0, 0);

    public ProbeHistory succeeded() {
        return new ProbeHistory(successWeight * DECAY + 1, attemptWeight * DECAY + 1, 0);
    }

    public ProbeHistory failed() {
        return new ProbeHistory(successWeight * DECAY, attemptWeight * DECAY + 1, failures + 1);
    }

    public Optional<Double> reliability() {
        return attemptWeight <= 0 ? Optional.empty() : Optional.of(Math.min(1, successWeight / attemptWeight));
    }

    /** The wait before the next probe: the interval, doubled per failure since the last success, capped. */
    public Duration nextProbeAfter(Duration interval, Duration maxBackoff) {
        if (failures == 0) {
            return interval;
        }
        int doublings = Math.min(failures, 20);
        Duration wait = interval.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff.compareTo(interval) > 0 ? maxBackoff : interval : wait;
    }
}
