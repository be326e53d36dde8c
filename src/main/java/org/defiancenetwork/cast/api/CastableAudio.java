package org.defiancenetwork.cast.api;

import java.util.Optional;

/**
 * What casting needs of an audio entry, provided by the feature that keeps the audio catalogue (a
 * bean implementing this). Casting stays independent of the catalogue: with no such bean on the
 * node, audio entries cannot be cast and the API says so.
 */
public interface CastableAudio {

    /**
     * @param url where the device fetches the audio: a path on this node ({@code /…}, made reachable
     *            for the device by casting) or an absolute http(s) URL
     * @param contentType e.g. {@code audio/mpeg}, {@code audio/mp4}
     * @param durationSeconds null when unknown
     * @param imageUrl cover art, path or absolute URL; null when none
     */
    record Entry(String title, String subtitle, String url, String contentType, Double durationSeconds,
            String imageUrl) {
    }

    /** The entry as the device should play it; empty for an unknown or unplayable id. */
    Optional<Entry> entry(String entryId);
}
