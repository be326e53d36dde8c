package org.defiancenetwork.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How times, sizes and durations read on pages. */
@TemplateExtension
public class TemplateFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static String ago(Instant when) {
        if (when == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(when, Instant.now()).getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " d ago";
    }

    static String utc(Instant when) {
        return when == null ? "" : UTC.format(when);
    }

    static String iso(Instant when) {
        return when == null ? "" : when.toString();
    }

    static String human(Duration d) {
        long days = d.toDays();
        if (days > 0) {
            return String.format("%dd %dh %dm", days, d.toHoursPart(), d.toMinutesPart());
        }
        if (d.toHours() > 0) {
            return String.format("%dh %dm %ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }
        return String.format("%dm %ds", d.toMinutesPart(), d.toSecondsPart());
    }

    static String bytes(Long value) {
        if (value == null) {
            return "unknown";
        }
        String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double v = value;
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? value + " B" : String.format("%.1f %s", v, units[unit]);
    }
}
