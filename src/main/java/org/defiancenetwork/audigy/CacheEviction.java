package org.defiancenetwork.audigy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which copies leave the cache so that it fits its cap: the least recently played first. */
final class CacheEviction {

    /** A copy that may be evicted; {@code lastUsed} is when it was last played, or fetched if never. */
    record Candidate(String entryId, long size, Instant lastUsed) {
    }

    private CacheEviction() {
    }

    /** The entries to evict, oldest use first, never {@code keep} (the copy just made). */
    static List<String> choose(List<Candidate> copies, long cap, String keep) {
        long total = copies.stream().mapToLong(Candidate::size).sum();
        List<String> evict = new ArrayList<>();
        List<Candidate> oldestFirst = copies.stream()
                .sorted(Comparator.comparing(Candidate::lastUsed, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (Candidate c : oldestFirst) {
            if (total <= cap) {
                break;
            }
            if (!c.entryId().equals(keep)) {
                evict.add(c.entryId());
                total -= c.size();
            }
        }
        return evict;
    }
}
