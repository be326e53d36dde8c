package org.defiancenetwork.channel;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.SecurityConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;

/**
 * bcrypt hashing and checking, at most {@code defiance.security.sign-in.concurrent-hashes} at a
 * time: each takes a core for about a quarter second, so a burst of sign-ins must queue rather than
 * starve ingest and transcoding. An unknown username is checked against a dummy hash of the same
 * cost, so the answer takes as long as for a real account and does not tell which names exist.
 */
@ApplicationScoped
@Startup
public class Passwords {

    /** Thrown when the node is too busy hashing to take one more within a few seconds. */
    public static final class Busy extends Exception {
        Busy() {
            super("busy", null, false, false);
        }
    }

    static final int COST = 12;
    /** A person signing in would rather wait than be turned away; a flood still gets 503 after this. */
    private static final long QUEUE_SECONDS = 30;

    private final Semaphore permits;
    private final AtomicInteger hashing = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Counter checks;
    private final String dummy;

    Passwords(SecurityConfig config, MeterRegistry metrics) {
        this.permits = new Semaphore(config.signIn().concurrentHashes(), true);
        this.checks = Counter.builder("defiance.passwords.checked")
                .description("Passwords checked against a hash, unknown accounts' included").register(metrics);
        Gauge.builder("defiance.passwords.hashing", hashing, AtomicInteger::get)
                .description("Password hashes being computed now").register(metrics);
        // made at start, so the first unknown name does not take twice as long as a known one
        this.dummy = BcryptUtil.bcryptHash("no account has this password", COST);
    }

    String hash(String password) throws Busy {
        acquire();
        try {
            return BcryptUtil.bcryptHash(password, COST);
        } finally {
            release();
        }
    }

    /** The most hashes ever computed at once since start. */
    int peakConcurrency() {
        return peak.get();
    }

    /** True when {@code password} matches {@code storedHash}; a null hash (no such account) never matches. */
    boolean matches(String password, String storedHash) throws Busy {
        acquire();
        try {
            checks.increment();
            if (storedHash == null) {
                BcryptUtil.matches(password, dummyHash());
                return false;
            }
            return BcryptUtil.matches(password, storedHash);
        } finally {
            release();
        }
    }

    private void release() {
        hashing.decrementAndGet();
        permits.release();
    }

    private String dummyHash() {
        return dummy;
    }

    private void acquire() throws Busy {
        try {
            if (!permits.tryAcquire(QUEUE_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy();
            }
            peak.accumulateAndGet(hashing.incrementAndGet(), Math::max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }
}
