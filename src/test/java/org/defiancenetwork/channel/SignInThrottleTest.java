package org.defiancenetwork.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void waitsDoubleAfterTheFreeFailuresUpToTheMaximum() {
        SignInThrottle throttle = new SignInThrottle(2, Duration.ofSeconds(30));
        throttle.failed("k", 0);
        throttle.failed("k", 1 * S);
        assertEquals(Duration.ZERO, throttle.closedFor("k", 1 * S), "free failures cost nothing");
        throttle.failed("k", 2 * S);
        assertEquals(Duration.ofSeconds(5), throttle.closedFor("k", 2 * S));
        throttle.failed("k", 8 * S);
        assertEquals(Duration.ofSeconds(10), throttle.closedFor("k", 8 * S));
        throttle.failed("k", 20 * S);
        assertEquals(Duration.ofSeconds(20), throttle.closedFor("k", 20 * S));
        throttle.failed("k", 41 * S);
        assertEquals(Duration.ofSeconds(30), throttle.closedFor("k", 41 * S), "capped at the maximum");
        assertEquals(Duration.ofSeconds(10), throttle.closedFor("k", 61 * S));
        assertEquals(Duration.ZERO, throttle.closedFor("other", 41 * S), "keys are independent");
    }

    @Test
    void aRightPasswordOrALongPauseStartsAfresh() {
        SignInThrottle throttle = new SignInThrottle(1, Duration.ofSeconds(30));
        throttle.failed("k", 0);
        throttle.failed("k", 1 * S);
        throttle.succeeded("k");
        assertEquals(Duration.ZERO, throttle.closedFor("k", 1 * S));
        throttle.failed("k", 2 * S);
        throttle.failed("k", 3 * S);
        assertEquals(Duration.ofSeconds(5), throttle.closedFor("k", 3 * S));
        // more than twice the longest wait later, a miss is the first of a new series
        throttle.failed("k", 100 * S);
        assertEquals(Duration.ZERO, throttle.closedFor("k", 100 * S));
    }
}
