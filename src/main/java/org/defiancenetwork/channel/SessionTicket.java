package org.defiancenetwork.channel;

import java.time.Duration;
import java.time.Instant;

import org.defiancenetwork.platform.Hashing;

/**
 * What a session cookie says, inside its encryption: who signed in, under which session version of
 * the account, when (for the absolute lifetime), and which CSRF token the session is bound to (a
 * hash prefix, so a CSRF cookie planted by someone else does not fit).
 */
record SessionTicket(String username, int version, Instant issuedAt, String csrfBinding) {

    private static final char SEPARATOR = '\t';

    String encode() {
        return username + SEPARATOR + version + SEPARATOR + issuedAt.toEpochMilli() + SEPARATOR + csrfBinding;
    }

    /** Null for anything that is not a ticket of this format. */
    static SessionTicket decode(String value) {
        String[] parts = value == null ? new String[0] : value.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            return null;
        }
        try {
            return new SessionTicket(parts[0], Integer.parseInt(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])),
                    parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    boolean expired(Duration lifetime, Instant now) {
        return issuedAt.plus(lifetime).isBefore(now) || issuedAt.isAfter(now.plusSeconds(300));
    }

    boolean boundTo(String csrfToken) {
        return csrfToken != null && Hashing.sameBytes(csrfBinding, binding(csrfToken));
    }

    static String binding(String csrfToken) {
        return Hashing.sha256Hex(csrfToken).substring(0, 32);
    }
}
