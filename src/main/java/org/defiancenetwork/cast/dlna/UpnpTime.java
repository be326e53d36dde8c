package org.defiancenetwork.cast.dlna;

import java.util.Locale;

/** UPnP AV durations and positions: H+:MM:SS[.F+] (AVTransport:1, 2.2.14); NOT_IMPLEMENTED when unknown. */
public final class UpnpTime {

    private UpnpTime() {
    }

    public static String format(double seconds) {
        long total = Math.max(0, Math.round(Math.floor(seconds)));
        return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }

    /** Seconds, or null for empty, NOT_IMPLEMENTED or anything unreadable. */
    public static Double parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            return null;
        }
        try {
            long hours = Long.parseLong(parts[0].startsWith("+") || parts[0].startsWith("-") ? parts[0].substring(1) : parts[0]);
            long minutes = Long.parseLong(parts[1]);
            String secondsPart = parts[2];
            int slash = secondsPart.indexOf('/');
            double seconds;
            if (slash >= 0) {
                // H:MM:SS.F0/F1 form: a fraction written as a ratio
                int dot = secondsPart.indexOf('.');
                seconds = Long.parseLong(secondsPart.substring(0, dot));
                double f0 = Double.parseDouble(secondsPart.substring(dot + 1, slash));
                double f1 = Double.parseDouble(secondsPart.substring(slash + 1));
                seconds += f1 == 0 ? 0 : f0 / f1;
            } else {
                seconds = Double.parseDouble(secondsPart);
            }
            if (minutes > 59 || seconds >= 60 || minutes < 0 || seconds < 0) {
                return null;
            }
            double value = hours * 3600 + minutes * 60 + seconds;
            return text.trim().startsWith("-") ? -value : value;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
