package org.defiancenetwork.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defiancenetwork.platform.Ids;
import org.junit.jupiter.api.Test;

class StreamKeyTest {

    private final Ids ids = new Ids();

    @Test
    void keysAreRandomAndUrlSafe() {
        String a = StreamKey.generate(ids);
        String b = StreamKey.generate(ids);
        assertNotEquals(a, b);
        assertTrue(a.matches("live_[A-Za-z0-9_-]{32}"), a);
    }

    @Test
    void onlyTheRightKeyMatchesItsHash() {
        String key = StreamKey.generate(ids);
        String stored = StreamKey.hash(key);
        assertFalse(stored.contains(key));
        assertTrue(StreamKey.matches(key, stored));
        assertFalse(StreamKey.matches(key + "x", stored));
        assertFalse(StreamKey.matches(null, stored));
        assertFalse(StreamKey.matches(key, null));
    }
}
