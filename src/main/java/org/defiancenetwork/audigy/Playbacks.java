package org.defiancenetwork.audigy;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.audigy.augy.Availability;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Decides what a player loads for an entry, by the cache mode, the copy and the schedule. */
@ApplicationScoped
public class Playbacks {

    /** The player's instructions: {@code state} ready, fetching, direct, mismatch, unavailable or closed. */
    @RegisterForReflection
    public record Playback(String state, String src, boolean verified, String detail, String sourceUri,
            String availability) {
    }

    private final AudioCopies copies;
    private final AudioOrigins origins;

    Playbacks(AudioCopies copies, AudioOrigins origins) {
        this.copies = copies;
        this.origins = origins;
    }

    public Playback of(EntryView entry) {
        Availability availability = entry.availability();
        if (!availability.open()) {
            return new Playback("closed", null, false, availability.summary(), null, availability.summary());
        }
        if (copies.mode() == AudioConfig.CacheMode.OFF && !copies.status(entry.id()).map(AudioCopies.Status::pinned).orElse(false)) {
            for (String uri : entry.uriPoints()) {
                AudioOrigins.Resolved resolved = origins.resolve(uri);
                if (resolved.url() != null) {
                    return new Playback("direct", resolved.url().toString(), false,
                            "played straight from the origin; this node keeps no verified copies", uri, availability.summary());
                }
            }
            return new Playback("unavailable", null, false, "no URI of this entry can be played here", null, availability.summary());
        }
        AudioCopies.Status status = copies.ensure(entry.id());
        return switch (status.state()) {
            case VERIFIED -> new Playback("ready", fileUrl(entry.id()), true, status.detail(), status.sourceUri(), availability.summary());
            case UNVERIFIED -> new Playback("ready", fileUrl(entry.id()), false, status.detail(), status.sourceUri(), availability.summary());
            case MISMATCH -> new Playback("mismatch", null, false, status.detail(), status.sourceUri(), availability.summary());
            case UNAVAILABLE -> new Playback("unavailable", null, false, status.detail(), status.sourceUri(), availability.summary());
            default -> new Playback("fetching", null, false, "the node is fetching and verifying the audio", null, availability.summary());
        };
    }

    static String fileUrl(String entryId) {
        return "/audio/file/" + entryId;
    }
}
