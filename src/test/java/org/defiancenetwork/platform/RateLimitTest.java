package org.defiancenetwork.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void allowsABurstThenTheAverageRate() {
        RateLimit limit = new RateLimit(10, 5, 0);
        int passed = 0;
        for (int i = 0; i < 20; i++) {
            if (limit.tryAcquire(0)) {
                passed++;
            }
        }
        assertEquals(5, passed);
        assertFalse(limit.tryAcquire(50_000_000L));
        assertTrue(limit.tryAcquire(100_000_000L), "one token per 100 ms at 10/s");
    }
}
