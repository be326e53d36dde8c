package org.defiancenetwork.cast;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What API clients send to /api/cast: one record per request body. */
@RegisterForReflection(ignoreNested = false)
public final class CastRequests {

    private CastRequests() {
    }

    /** A device multicast does not reach: its address (DLNA: or description URL), port, protocol, a name. */
    public record AddDevice(String address, Integer port, String protocol, String name) {
    }

    /** Exactly one of broadcast (live), recording (a past broadcast's id) or audioEntry. */
    public record StartSession(String device, String broadcast, String recording, String audioEntry) {
    }

    /** action play|pause|stop|seek (seek needs position, seconds); volume 0..1 and muted may come alone. */
    public record Control(String action, Double position, Double volume, Boolean muted) {
    }
}
