package org.defiancenetwork.channel;

import java.time.Instant;

/** A channel as other features and pages see it. */
public record ChannelView(Long id, String slug, String title, String description, String owner,
        Instant streamKeyCreatedAt) {

    static ChannelView of(Channel c) {
        return new ChannelView(c.id, c.slug, c.title, c.description, c.owner == null ? null : c.owner.username,
                c.streamKeyCreatedAt);
    }

    public String url() {
        return "/c/" + slug;
    }
}
