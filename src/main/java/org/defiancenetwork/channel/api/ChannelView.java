package org.defiancenetwork.channel.api;

import java.time.Instant;

/** A channel as other features and pages see it. */
public record ChannelView(Long id, String slug, String title, String description, String owner,
        Instant streamKeyCreatedAt) {

    public String url() {
        return "/c/" + slug;
    }
}
