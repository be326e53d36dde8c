package org.defiancenetwork.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** /broadcast: go live from the camera, for the signed-in owner of a channel. */
@Path("/broadcast")
@Authenticated
public class BroadcastPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance broadcast(ChannelView channel);
    }

    private final Channels channels;
    private final SecurityIdentity identity;

    BroadcastPage(Channels channels, SecurityIdentity identity) {
        this.channels = channels;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance broadcast() {
        String owner = identity.getPrincipal().getName();
        return Templates.broadcast(channels.ownedBy(owner).orElseThrow(
                () -> new IllegalStateException("signed-in account " + owner + " has no channel")));
    }
}
