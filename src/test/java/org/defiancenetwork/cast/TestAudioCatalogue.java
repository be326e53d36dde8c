package org.defiancenetwork.cast;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.cast.api.CastableAudio;

/**
 * An audio catalogue for the test node, standing in for the audio feature's own (built separately):
 * the contract of {@link CastableAudio}, with entries the tests put in.
 */
@ApplicationScoped
public class TestAudioCatalogue implements CastableAudio {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    void put(String id, Entry entry) {
        entries.put(id, entry);
    }

    @Override
    public Optional<Entry> entry(String entryId) {
        return Optional.ofNullable(entries.get(entryId));
    }
}
