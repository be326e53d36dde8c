package org.defiancenetwork.channel.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** What other features may ask about channels; the channel feature's entities stay its own. */
public interface Channels {

    Optional<ChannelView> bySlug(String slug);

    Optional<ChannelView> byId(long id);

    /** The channels with these ids, by id; unknown ids are left out. */
    Map<Long, ChannelView> byIds(Collection<Long> ids);

    Optional<ChannelView> ownedBy(String username);

    /**
     * Who may broadcast on a channel: whoever presents its stream key, or its owner signed in on
     * this node. Empty when neither holds.
     */
    Optional<ChannelView> authorizeIngest(String slug, String streamKey, String signedInUser);

    /** Seconds a chatter must wait between two messages on this channel; 0 is off. */
    int chatSlowSeconds(long channelId);

    void setChatSlowSeconds(long channelId, int seconds);
}
