package org.defiancenetwork.platform.web;

/**
 * HTML a feature adds to another feature's page at a named place, so no feature edits another's
 * templates. Pages render a slot with {@code {inject:slots.render('watch.actions', subject).raw}};
 * every bean of this type whose {@link #slot()} matches contributes, by {@link #order()}.
 *
 * <p>The subject is whatever the page shows there (see each constant). Return an empty string
 * to contribute nothing for that subject or viewer. Text that came from users must be escaped:
 * render through a Qute template, never by concatenation.
 */
public interface PageSlot {

    /** Under the player of a live broadcast or a recording; subject: live.api.BroadcastStatus. */
    String WATCH_ACTIONS = "watch.actions";
    /** Beside the chat on a watch page; subject: live.api.BroadcastStatus. */
    String WATCH_PANELS = "watch.panels";
    /** Below the live list on the home page; subject: none (null). */
    String HOME_SECTIONS = "home.sections";
    /** Under the preview on the broadcast page; subject: channel.api.ChannelView. */
    String BROADCAST_PANELS = "broadcast.panels";
    /** Sections of the channel settings page; subject: channel.api.ChannelView of the owner. */
    String CHANNEL_SETTINGS = "channel.settings";
    /** Under a channel's header on its public page; subject: channel.api.ChannelView. */
    String CHANNEL_ACTIONS = "channel.actions";
    /** Module scripts and styles every page loads; subject: none (null). */
    String PAGE_HEAD = "page.head";

    String slot();

    default int order() {
        return 100;
    }

    String html(Object subject);
}
