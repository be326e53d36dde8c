package org.defiancenetwork.live;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Read side of broadcasts for pages: what is live, what can be replayed. */
@ApplicationScoped
public class BroadcastDirectory {

    @Transactional
    public List<BroadcastSummary> live() {
        return Broadcast.<Broadcast>find("from Broadcast b join fetch b.channel where b.state = ?1 order by b.startedAt desc",
                BroadcastState.LIVE).list().stream().map(BroadcastSummary::of).toList();
    }

    @Transactional
    public List<BroadcastSummary> recentRecordings(int limit) {
        return Broadcast.<Broadcast>find("from Broadcast b join fetch b.channel where b.recording is not null"
                + " and b.state in ?1 order by b.endedAt desc", List.of(BroadcastState.ENDED, BroadcastState.FAILED))
                .page(0, limit).list().stream().map(BroadcastSummary::of).toList();
    }

    @Transactional
    public List<BroadcastSummary> liveOn(long channelId) {
        return Broadcast.<Broadcast>find("from Broadcast b join fetch b.channel where b.channel.id = ?1 and b.state = ?2",
                channelId, BroadcastState.LIVE).list().stream().map(BroadcastSummary::of).toList();
    }

    @Transactional
    public List<BroadcastSummary> pastOn(long channelId, int limit) {
        return Broadcast.<Broadcast>find("from Broadcast b join fetch b.channel where b.channel.id = ?1 and b.state in ?2"
                + " order by b.createdAt desc", channelId, List.of(BroadcastState.ENDED, BroadcastState.FAILED))
                .page(0, limit).list().stream().map(BroadcastSummary::of).toList();
    }

    /** A broadcast's summary, live or past; empty for an unknown id. */
    @Transactional
    public java.util.Optional<BroadcastSummary> summary(String id) {
        return Broadcast.<Broadcast>find("from Broadcast b join fetch b.channel where b.id = ?1", id)
                .firstResultOptional().map(BroadcastSummary::of);
    }
}
