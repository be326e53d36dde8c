package org.defiancenetwork.cast;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the node talks to a device. */
public enum Protocol {
    CHROMECAST(8009),
    DLNA(1900);

    private final int defaultPort;

    Protocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "chromecast" or "dlna"; null for anything else. */
    @JsonCreator
    public static Protocol of(String name) {
        if (name == null) {
            return null;
        }
        for (Protocol p : values()) {
            if (p.wire().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
