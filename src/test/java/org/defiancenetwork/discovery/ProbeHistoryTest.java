package org.defiancenetwork.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProbeHistoryTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration LIMIT = Duration.ofMinutes(30);

    @Test
    void noProbeNoScore() {
        assertEquals(Optional.empty(), ProbeHistory.NONE.reliability());
    }

    @Test
    void reliabilityIsTheSuccessRatioWithOldProbesFading() {
        ProbeHistory h = ProbeHistory.NONE.succeeded().succeeded().succeeded();
        assertEquals(1.0, h.reliability().orElseThrow(), 1e-9);
        ProbeHistory down = h.failed();
        assertTrue(down.reliability().orElseThrow() < 1.0);
        ProbeHistory longDown = down.failed().failed().failed().failed().failed();
        assertTrue(longDown.reliability().orElseThrow() < down.reliability().orElseThrow(), "each failure lowers it further");
        // After an outage, recent successes count for more than the old failures.
        ProbeHistory recovered = longDown;
        for (int i = 0; i < 15; i++) {
            recovered = recovered.succeeded();
        }
        assertTrue(recovered.reliability().orElseThrow() > 0.9, "recovered: " + recovered.reliability());
        // A plain ratio would remember the six failures among 21 probes (0.71).
        assertTrue(recovered.reliability().orElseThrow() > 15.0 / 21 + 0.1);
    }

    @Test
    void failuresDoubleTheWaitUpToTheLimitAndASuccessResetsIt() {
        ProbeHistory h = ProbeHistory.NONE;
        assertEquals(MINUTE, h.nextProbeAfter(MINUTE, LIMIT));
        h = h.failed();
        assertEquals(Duration.ofMinutes(2), h.nextProbeAfter(MINUTE, LIMIT));
        h = h.failed();
        assertEquals(Duration.ofMinutes(4), h.nextProbeAfter(MINUTE, LIMIT));
        for (int i = 0; i < 40; i++) {
            h = h.failed();
        }
        assertEquals(LIMIT, h.nextProbeAfter(MINUTE, LIMIT));
        assertEquals(MINUTE, h.succeeded().nextProbeAfter(MINUTE, LIMIT));
    }
}
