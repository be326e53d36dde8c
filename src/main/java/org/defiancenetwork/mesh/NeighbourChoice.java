package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Which peers of a swarm should exchange segments. Pure: the swarm hands in what it knows and
 * gets back whom to connect.
 * <ul>
 * <li>no peer gets more than {@code maxDegree} neighbours, so nobody uploads to everyone;</li>
 * <li>peers holding segments closer to the live edge are preferred, since they can serve what
 * viewers will ask for next;</li>
 * <li>among equals, the least connected come first, which spreads upload load; a random tie-break
 * keeps large swarms from forming the same clusters every time.</li>
 * </ul>
 */
public final class NeighbourChoice {

    /** What the swarm knows about a peer when choosing. */
    public record Candidate(String peerId, long liveEdge, int degree, boolean trusted) {
    }

    private final int maxDegree;
    private final Random random;

    public NeighbourChoice(int maxDegree, Random random) {
        if (maxDegree < 1) {
            throw new IllegalArgumentException("maxDegree must be at least 1");
        }
        this.maxDegree = maxDegree;
        this.random = random;
    }

    public int maxDegree() {
        return maxDegree;
    }

    /**
     * Up to {@code wanted} neighbours for a peer, never itself, never one it already has, never a
     * full or untrusted one.
     */
    public List<String> choose(String self, int wanted, Collection<Candidate> candidates, Set<String> alreadyConnected) {
        if (wanted <= 0) {
            return List.of();
        }
        List<Candidate> eligible = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.peerId().equals(self) && c.trusted() && c.degree() < maxDegree && !alreadyConnected.contains(c.peerId())) {
                eligible.add(c);
            }
        }
        Collections.shuffle(eligible, random);
        eligible.sort(Comparator.comparingLong(Candidate::liveEdge).reversed().thenComparingInt(Candidate::degree));
        return eligible.stream().limit(Math.min(wanted, maxDegree)).map(Candidate::peerId).toList();
    }

    /**
     * When every candidate is full, a newcomer would be left alone or linked only to the other late
     * comers, and the swarm would split into groups that each fetch every segment from the node. A
     * newcomer below {@link #minimumDegree()} therefore takes the place of a link between two full
     * peers: a–b becomes a–newcomer–b, their degrees stay the same and the swarm stays connected.
     * Returns that link, or empty when there is none or the newcomer has no room for two more.
     */
    public Optional<List<String>> linkToSplit(String self, int selfDegree, Collection<Candidate> candidates,
            Map<String, Set<String>> neighbours, Set<String> alreadyConnected) {
        if (selfDegree >= minimumDegree() || selfDegree + 2 > maxDegree) {
            return Optional.empty();
        }
        List<Candidate> full = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.peerId().equals(self) && c.trusted() && c.degree() >= maxDegree && !alreadyConnected.contains(c.peerId())) {
                full.add(c);
            }
        }
        Collections.shuffle(full, random);
        Set<String> fullIds = new HashSet<>();
        full.forEach(c -> fullIds.add(c.peerId()));
        for (Candidate a : full) {
            for (String b : neighbours.getOrDefault(a.peerId(), Set.of())) {
                if (fullIds.contains(b)) {
                    return Optional.of(List.of(a.peerId(), b));
                }
            }
        }
        return Optional.empty();
    }

    /** Fewest neighbours a viewer should end up with while the swarm has peers to offer. */
    public int minimumDegree() {
        return (maxDegree + 1) / 2;
    }

    /** How many more neighbours a peer with {@code degree} should get. */
    public int missing(int degree) {
        return Math.max(0, maxDegree - degree);
    }
}
