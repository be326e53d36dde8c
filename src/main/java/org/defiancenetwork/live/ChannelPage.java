package org.defiancenetwork.live;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastSummary;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /c/{slug}: a channel's live broadcast and its past ones. */
@Path("/c/{slug}")
public class ChannelPage {

    static final int PAST = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channel(ChannelView channel, List<BroadcastSummary> live, List<BroadcastSummary> past);
    }

    private final Channels channels;
    private final BroadcastDirectory directory;

    ChannelPage(Channels channels, BroadcastDirectory directory) {
        this.channels = channels;
        this.directory = directory;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance channel(@PathParam("slug") String slug) {
        ChannelView channel = channels.bySlug(slug).orElseThrow(() -> new NotFoundException("There is no channel " + slug + "."));
        return Templates.channel(channel, directory.liveOn(channel.id()), directory.pastOn(channel.id(), PAST));
    }
}
