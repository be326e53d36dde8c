package org.defiancenetwork.mesh.api;

import java.util.List;
import java.util.Optional;

/**
 * Credit for relaying, kept per broadcast and account in the database, so it outlives the swarm
 * and the broadcast. Figures include what this node counted since its last write (every few
 * seconds). The mesh computes; what a relay is worth is for whoever pays it.
 */
public interface RelayLedger {

    /** Everyone who relayed during a broadcast, most bytes first. */
    List<RelayCredit> forBroadcast(String broadcastId);

    /** One account's credit for a broadcast; empty when it relayed nothing and shared for no time. */
    Optional<RelayCredit> of(String broadcastId, String account);

    /** An account's credit over all broadcasts, newest activity first, at most {@code limit} rows. */
    List<RelayCredit> forAccount(String account, int limit);
}
