package org.defiancenetwork.discovery;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A live broadcast on another node, as {@code /api/network/broadcasts} and the home page show it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NetworkBroadcast(String originId, String originName, String originUrl, String broadcastId, String title,
        String channel, String channelTitle, String kind, Integer viewers, String watchUrl, String hlsUrl,
        Instant startedAt, Instant issuedAt, Instant expiresAt, int hops, String via, String receivedBy) {

    static NetworkBroadcast of(Announcements.Held h) {
        Announcement a = h.announcement();
        return new NetworkBroadcast(a.originId(), a.originName(), a.originUrl(), a.broadcastId(), a.title(), a.channel(),
                a.channelTitle(), a.kind(), a.viewers(), a.watchUrl(), a.hlsUrl(),
                a.startedAt() == null ? null : Instant.parse(a.startedAt()), a.issued(), a.expires(), h.hops(), h.via(),
                h.receivedBy());
    }
}
