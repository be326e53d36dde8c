package org.defiancenetwork.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
        java.util.Collections.shuffle(eligible, random);
        eligible.sort(Comparator.comparingLong(Candidate::liveEdge).reversed().thenComparingInt(Candidate::degree));
        return eligible.stream().limit(Math.min(wanted, maxDegree)).map(Candidate::peerId).toList();
    }

    /** How many more neighbours a peer with {@code degree} should get. */
    public int missing(int degree) {
        return Math.max(0, maxDegree - degree);
    }
}
