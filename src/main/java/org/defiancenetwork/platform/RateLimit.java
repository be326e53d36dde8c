package org.defiancenetwork.platform;

/**
 * A token bucket: {@code perSecond} messages on average, bursts up to {@code burst}. Not thread
 * safe; one per connection, used from that connection's handler.
 */
public final class RateLimit {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimit(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    long lastUsedNanos() {
        return last;
    }

    /** True when one more message may pass now. */
    public boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
