package org.defiancenetwork.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an address, an account, a peer): {@code perSecond} on average, bursts up to
 * {@code burst}. Thread safe. Buckets idle long enough to be full again are forgotten, so a flood
 * of distinct keys cannot grow memory without bound beyond {@code maxKeys}.
 */
public final class KeyedRateLimits {

    private final double perSecond;
    private final int burst;
    private final int maxKeys;
    private final Map<String, RateLimit> buckets = new ConcurrentHashMap<>();
    private final long refillNanos;

    public KeyedRateLimits(double perSecond, int burst, int maxKeys) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.refillNanos = (long) (burst / perSecond * 1_000_000_000d);
    }

    /** True when one more request for {@code key} may pass now. */
    public boolean tryAcquire(String key) {
        return tryAcquire(key, System.nanoTime());
    }

    public boolean tryAcquire(String key, long nowNanos) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            forgetIdle(nowNanos);
            if (buckets.size() >= maxKeys) {
                return false;
            }
        }
        RateLimit bucket = buckets.computeIfAbsent(key, k -> new RateLimit(perSecond, burst, nowNanos));
        synchronized (bucket) {
            return bucket.tryAcquire(nowNanos);
        }
    }

    /** Forgets {@code key}'s bucket, so it starts full again. */
    public void forget(String key) {
        buckets.remove(key);
    }

    /** Forgets every bucket. */
    public void clear() {
        buckets.clear();
    }

    /** Seconds until {@code key} may pass again, at least 1: for Retry-After. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }

    private void forgetIdle(long nowNanos) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return nowNanos - e.getValue().lastUsedNanos() > refillNanos;
            }
        });
    }
}
