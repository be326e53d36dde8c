package org.defiancenetwork.audigy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.cast.api.CastableAudio;

/**
 * Lets the casting feature play audio entries on a device: the node's verified copy (the device
 * fetches it from this node), or the origin when the node keeps no copies. An entry outside its
 * schedule, or without a playable copy yet, cannot be cast.
 */
@ApplicationScoped
class CastableEntries implements CastableAudio {

    private final Catalogues catalogues;
    private final Playbacks playbacks;

    CastableEntries(Catalogues catalogues, Playbacks playbacks) {
        this.catalogues = catalogues;
        this.playbacks = playbacks;
    }

    @Override
    public Optional<Entry> entry(String entryId) {
        return catalogues.entry(entryId).flatMap(e -> {
            Playbacks.Playback playback = playbacks.of(e);
            if (playback.src() == null) {
                return Optional.empty();
            }
            String type = playback.src().startsWith("/") ? null : AudioTypes.fromName(playback.src());
            return Optional.of(new Entry(e.title(), e.collectionTitle(), playback.src(),
                    type != null ? type : e.uriPoints().isEmpty() ? AudioTypes.DEFAULT : AudioTypes.fromName(e.uriPoints().get(0)),
                    e.durationMs() == null ? null : e.durationMs() / 1000.0,
                    e.thumbnail() != null && e.thumbnail().startsWith("http") ? e.thumbnail() : null));
        });
    }
}
