package org.defiancenetwork.mesh.api;

/**
 * What one signed-in viewer relayed to others during one broadcast (live or its recording):
 * bytes its neighbours confirmed receiving from it (each checked against the node's segment hashes
 * on their side), how many distinct viewers those were (per account, or per network address for
 * viewers not signed in), and for how many minutes it was in the swarm sharing.
 */
public record RelayCredit(String broadcastId, String account, long bytesDelivered, int receivers, long minutesActive) {

    public double megabytes() {
        return bytesDelivered / 1_000_000d;
    }

    /** Megabytes with one decimal, as pages show them ("12.3"). */
    public String megabytesText() {
        return String.format(java.util.Locale.ROOT, "%.1f", megabytes());
    }
}
