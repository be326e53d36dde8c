package org.defiancenetwork.discovery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as signed documents carry them: RFC 3339 in UTC, to the millisecond. */
final class Instants {

    private Instants() {
    }

    static String text(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
