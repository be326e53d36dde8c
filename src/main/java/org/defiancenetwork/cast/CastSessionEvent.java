package org.defiancenetwork.cast;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Sent to pages following {@code cast:<session>} whenever the device reports a change. */
@RegisterForReflection
public record CastSessionEvent(String type, SessionView session) {

    public CastSessionEvent(SessionView session) {
        this("cast-session", session);
    }
}
