package org.defiancenetwork.live;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.BroadcastSummary;
import org.defiancenetwork.live.api.Broadcasts;

/** Read side of broadcasts for pages and other features: what is live, what can be replayed. */
@ApplicationScoped
public class BroadcastDirectory implements Broadcasts {

    private static final List<BroadcastState> OVER = List.of(BroadcastState.ENDED, BroadcastState.FAILED);

    private final Channels channels;
    private final BroadcastService service;

    BroadcastDirectory(Channels channels, BroadcastService service) {
        this.channels = channels;
        this.service = service;
    }

    @Override
    @Transactional
    public List<BroadcastSummary> live() {
        return summaries(Broadcast.<Broadcast>find("state = ?1 order by startedAt desc", BroadcastState.LIVE).list());
    }

    @Override
    @Transactional
    public List<BroadcastSummary> recentRecordings(int limit) {
        return summaries(Broadcast.<Broadcast>find("recording is not null and state in ?1 order by endedAt desc", OVER)
                .page(0, limit).list());
    }

    @Override
    @Transactional
    public List<BroadcastSummary> liveOn(long channelId) {
        return summaries(Broadcast.<Broadcast>find("channelId = ?1 and state = ?2", channelId, BroadcastState.LIVE).list());
    }

    @Override
    @Transactional
    public List<BroadcastSummary> pastOn(long channelId, int limit) {
        return summaries(Broadcast.<Broadcast>find("channelId = ?1 and state in ?2 order by createdAt desc", channelId, OVER)
                .page(0, limit).list());
    }

    @Override
    @Transactional
    public Optional<BroadcastSummary> summary(String id) {
        return Optional.ofNullable(Broadcast.<Broadcast>findById(id)).map(b -> summaries(List.of(b))).filter(l -> !l.isEmpty())
                .map(l -> l.get(0));
    }

    @Override
    public Optional<BroadcastStatus> status(String id) {
        return service.status(id);
    }

    @Override
    public boolean isLive(String id) {
        return service.isLive(id);
    }

    @Override
    public boolean isLiveAnywhere(String id) {
        return service.isLiveAnywhere(id);
    }

    @Override
    public Optional<String> originNode(String id) {
        return service.originNode(id);
    }

    private List<BroadcastSummary> summaries(List<Broadcast> rows) {
        Map<Long, ChannelView> byId = channels.byIds(rows.stream().map(b -> b.channelId).toList());
        return rows.stream().filter(b -> byId.containsKey(b.channelId)).map(b -> {
            ChannelView c = byId.get(b.channelId);
            return new BroadcastSummary(b.id, b.title, c.slug(), c.title(), b.state, b.startedAt, b.endedAt, b.durationMs,
                    b.recording != null);
        }).toList();
    }
}
