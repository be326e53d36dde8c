package org.defiancenetwork.testing;

import java.time.Instant;
import java.util.UUID;

import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Broadcast rows in the shared test app's database, each on a channel of its own, for tests that need no media. */
public final class BroadcastRows {

    private BroadcastRows() {
    }

    /** A broadcast in {@code state} (with {@code recording} as its playlist, or null); returns its id. */
    public static String create(BroadcastState state, String recording) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = new Channel();
            channel.slug = "row" + id.substring(0, 8);
            channel.title = "Row " + id.substring(0, 8);
            channel.createdAt = Instant.now();
            channel.persist();
            Broadcast b = new Broadcast();
            b.id = id;
            b.channelId = channel.id;
            b.title = "Recorded";
            b.state = state;
            b.createdAt = Instant.now();
            b.startedAt = state == BroadcastState.STARTING ? null : b.createdAt;
            b.recording = recording;
            b.persist();
        });
        return id;
    }
}
