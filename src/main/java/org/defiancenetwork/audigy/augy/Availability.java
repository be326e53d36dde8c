package org.defiancenetwork.audigy.augy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.defiancenetwork.audigy.augy.Catalogue.Schedule;

/**
 * Whether an entry may be played at a moment, by its schedule read in the schedule's own time zone
 * (the original ignored the zone and used the server's clock): a listener in Tokyo and a node in
 * Frankfurt agree that a 9–17 Europe/Berlin window is open at 10:00 Berlin time.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record Availability(boolean open, String summary, Instant next) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final String[] DAYS = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

    public static final Availability ALWAYS = new Availability(true, "Available", null);

    /** The availability at {@code now}; an entry without a schedule is always available. */
    public static Availability at(Schedule schedule, Instant now) {
        if (schedule == null) {
            return ALWAYS;
        }
        ZoneId zone = zoneOf(schedule);
        Instant from = instant(schedule.availableFrom());
        Instant until = instant(schedule.availableUntil());
        String window = window(schedule, zone);
        if (until != null && !now.isBefore(until)) {
            return new Availability(false, "No longer available (ended " + WHEN.format(until.atZone(zone)) + " " + zone.getId() + ")", null);
        }
        if (isOpen(schedule, zone, from, until, now)) {
            return new Availability(true, window.isEmpty() ? "Available" : "Available now · " + window, null);
        }
        Instant next = nextOpening(schedule, zone, from, until, now);
        String opens = next == null ? "" : " · opens " + WHEN.format(next.atZone(zone)) + " " + zone.getId();
        if (from != null && now.isBefore(from) && (next == null || !next.isAfter(from))) {
            return new Availability(false, "Not yet available" + opens, next);
        }
        return new Availability(false, "Not available now" + (window.isEmpty() ? "" : " · " + window) + opens, next);
    }

    static boolean isOpen(Schedule s, ZoneId zone, Instant from, Instant until, Instant at) {
        if ((from != null && at.isBefore(from)) || (until != null && !at.isBefore(until))) {
            return false;
        }
        ZonedDateTime local = at.atZone(zone);
        List<Integer> days = s.availableDays();
        if (days != null && !days.isEmpty() && !days.contains(local.getDayOfWeek().getValue() % 7)) {
            return false;
        }
        List<Integer> hours = s.availableHours();
        if (hours != null && hours.size() == 2 && hours.get(0) != null && hours.get(1) != null) {
            int hour = local.getHour();
            return hour >= hours.get(0) && hour < hours.get(1);
        }
        return true;
    }

    /** The first moment within four weeks that the window opens, at hour granularity (or {@code from}). */
    private static Instant nextOpening(Schedule s, ZoneId zone, Instant from, Instant until, Instant now) {
        Instant start = from != null && from.isAfter(now) ? from : now;
        if (isOpen(s, zone, from, until, start)) {
            return start;
        }
        ZonedDateTime candidate = start.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        for (int i = 0; i < 28 * 24; i++, candidate = candidate.plusHours(1)) {
            Instant at = candidate.toInstant();
            if (until != null && !at.isBefore(until)) {
                return null;
            }
            if (isOpen(s, zone, from, until, at)) {
                return at;
            }
        }
        return null;
    }

    private static String window(Schedule s, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        if (s.availableDays() != null && !s.availableDays().isEmpty() && s.availableDays().size() < 7) {
            text.append(s.availableDays().stream().filter(d -> d != null && d >= 0 && d <= 6).sorted()
                    .map(d -> DAYS[d]).collect(Collectors.joining(", ")));
        }
        List<Integer> hours = s.availableHours();
        if (hours != null && hours.size() == 2 && hours.get(0) != null && hours.get(1) != null) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(String.format("%02d:00–%02d:00", hours.get(0), hours.get(1)));
        }
        if (!text.isEmpty()) {
            text.append(' ').append(zone.getId());
        }
        return text.toString();
    }

    public static ZoneId zoneOf(Schedule s) {
        if (s.timezone() != null && AugyValidator.timeZone(s.timezone())) {
            return ZoneId.of(s.timezone());
        }
        return ZoneOffset.UTC;
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
