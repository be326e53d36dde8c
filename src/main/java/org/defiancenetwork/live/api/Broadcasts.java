package org.defiancenetwork.live.api;

import java.util.List;
import java.util.Optional;

/** What other features may ask about broadcasts: lists for pages, one broadcast's status. */
public interface Broadcasts {

    List<BroadcastSummary> live();

    List<BroadcastSummary> recentRecordings(int limit);

    List<BroadcastSummary> liveOn(long channelId);

    List<BroadcastSummary> pastOn(long channelId, int limit);

    /** A broadcast's summary, live or past; empty for an unknown id. */
    Optional<BroadcastSummary> summary(String id);

    /** Everything known about a broadcast, live or past, with playlist and recording URLs; empty for an unknown id. */
    Optional<BroadcastStatus> status(String id);

    /** Carried by this node and not ending. */
    boolean isLive(String id);

    /** Live on this node or, in a cluster, on another one. */
    boolean isLiveAnywhere(String id);

    /** The node (cluster member) that carries a broadcast; empty for an unknown one. */
    Optional<String> originNode(String id);
}
