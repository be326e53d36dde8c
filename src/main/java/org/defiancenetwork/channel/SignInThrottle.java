package org.defiancenetwork.channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Growing waits after wrong passwords, per account and per address: after {@code free} failures,
 * each further one closes the key for 5 s, then 10, 20, 40 ... up to {@code maxDelay}. (A first wait
 * shorter than a round trip with a password check would pass unnoticed on a busy node.) While closed,
 * attempts are refused without checking the password (so guessing gains nothing and costs no
 * hashing). A right password opens the account's key again; an address's failures stay counted
 * until they age out. Thread safe; remembers at most {@value #MAX_KEYS} keys (oldest forgotten).
 */
final class SignInThrottle {

    static final int MAX_KEYS = 20_000;
    static final Duration FIRST_WAIT = Duration.ofSeconds(5);

    private static final class Failures {
        int count;
        long closedUntil;
        long lastFailure;
    }

    private final int free;
    private final long maxDelayNanos;
    private final Map<String, Failures> keys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    SignInThrottle(int free, Duration maxDelay) {
        this.free = free;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** How long {@code key} stays closed from {@code now}; zero when open. */
    synchronized Duration closedFor(String key, long now) {
        Failures f = keys.get(key);
        if (f == null || f.closedUntil - now <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(f.closedUntil - now);
    }

    synchronized void failed(String key, long now) {
        Failures f = keys.computeIfAbsent(key, k -> new Failures());
        // failures spaced further apart than the longest wait are a new series, not a continued attack
        if (f.count > 0 && now - f.lastFailure > 2 * maxDelayNanos) {
            f.count = 0;
        }
        f.count++;
        f.lastFailure = now;
        if (f.count > free) {
            int doublings = Math.min(f.count - free - 1, 30);
            long delay = Math.min(maxDelayNanos, FIRST_WAIT.toNanos() << Math.min(doublings, 20));
            f.closedUntil = now + delay;
        }
    }

    synchronized void succeeded(String key) {
        keys.remove(key);
    }

    synchronized void forget(String key) {
        keys.remove(key);
    }
}
