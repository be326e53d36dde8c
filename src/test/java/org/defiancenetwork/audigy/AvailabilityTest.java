package org.defiancenetwork.audigy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.defiancenetwork.audigy.augy.Availability;
import org.defiancenetwork.audigy.augy.Catalogue.Schedule;
import org.junit.jupiter.api.Test;

/** Schedules are read in their own time zone, not the node's. */
class AvailabilityTest {

    static Schedule weekdays(String zone) {
        return new Schedule(null, null, List.of(1, 2, 3, 4, 5), List.of(9, 17), zone, null);
    }

    @Test
    void windowIsEvaluatedInTheSchedulesZone() {
        // Monday 4 March 2024, 08:30 UTC = 09:30 in Berlin, 03:30 in New York.
        Instant monday = Instant.parse("2024-03-04T08:30:00Z");
        Availability berlin = Availability.at(weekdays("Europe/Berlin"), monday);
        assertTrue(berlin.open(), berlin.summary());
        assertEquals("Available now · Mon, Tue, Wed, Thu, Fri 09:00–17:00 Europe/Berlin", berlin.summary());

        Availability newYork = Availability.at(weekdays("America/New_York"), monday);
        assertFalse(newYork.open());
        assertEquals(Instant.parse("2024-03-04T14:00:00Z"), newYork.next(), "09:00 New York (EST, UTC-5)");
        assertTrue(newYork.summary().contains("opens Mon 4 Mar 2024 09:00 America/New_York"), newYork.summary());
    }

    @Test
    void endHourIsExclusiveAndDaysCountFromSunday() {
        Schedule s = weekdays("UTC");
        assertFalse(Availability.at(s, Instant.parse("2024-03-04T17:00:00Z")).open(), "17 is the end, not in the window");
        assertTrue(Availability.at(s, Instant.parse("2024-03-04T16:59:59Z")).open());
        Availability sunday = Availability.at(s, Instant.parse("2024-03-03T12:00:00Z"));
        assertFalse(sunday.open(), "0 = Sunday is not listed");
        assertEquals(Instant.parse("2024-03-04T09:00:00Z"), sunday.next());
        assertTrue(Availability.at(new Schedule(null, null, List.of(0), null, null, null), Instant.parse("2024-03-03T23:00:00Z")).open());
    }

    @Test
    void dayBoundaryFollowsTheZoneNotUtc() {
        // Friday 23:30 UTC is already Saturday 08:30 in Tokyo: a weekday-only window is closed there.
        Schedule tokyo = new Schedule(null, null, List.of(1, 2, 3, 4, 5), null, "Asia/Tokyo", null);
        assertFalse(Availability.at(tokyo, Instant.parse("2024-03-08T23:30:00Z")).open());
        assertTrue(Availability.at(tokyo, Instant.parse("2024-03-08T14:00:00Z")).open());
    }

    @Test
    void fromAndUntilBoundTheWindow() {
        Schedule s = new Schedule("2024-06-01T00:00:00+02:00", "2024-07-01T00:00:00Z", null, null, "Europe/Paris", null);
        Availability before = Availability.at(s, Instant.parse("2024-05-31T21:00:00Z"));
        assertFalse(before.open());
        assertTrue(before.summary().startsWith("Not yet available"), before.summary());
        assertEquals(Instant.parse("2024-05-31T22:00:00Z"), before.next());
        assertTrue(Availability.at(s, Instant.parse("2024-06-15T12:00:00Z")).open());
        Availability after = Availability.at(s, Instant.parse("2024-07-01T00:00:00Z"));
        assertFalse(after.open());
        assertNull(after.next());
        assertTrue(after.summary().startsWith("No longer available"), after.summary());
    }

    @Test
    void summerTimeMovesTheWindowInUtc() {
        Schedule s = new Schedule(null, null, null, List.of(9, 10), "Europe/Berlin", null);
        assertTrue(Availability.at(s, Instant.parse("2024-01-15T08:30:00Z")).open(), "CET: 09:30");
        assertFalse(Availability.at(s, Instant.parse("2024-07-15T08:30:00Z")).open(), "CEST: 10:30");
        assertTrue(Availability.at(s, Instant.parse("2024-07-15T07:30:00Z")).open(), "CEST: 09:30");
    }

    @Test
    void noScheduleIsAlwaysAvailable() {
        assertTrue(Availability.at(null, Instant.now()).open());
    }
}
