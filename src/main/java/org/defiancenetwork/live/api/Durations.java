package org.defiancenetwork.live.api;

import java.time.Duration;

/** Lengths the way players show them. */
public final class Durations {

    private Durations() {
    }

    /** h:mm:ss from an hour on, m:ss below; empty when unknown. */
    public static String clock(Long millis) {
        if (millis == null) {
            return "";
        }
        Duration d = Duration.ofMillis(millis);
        long h = d.toHours();
        return h > 0
                ? String.format("%d:%02d:%02d", h, d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
