package org.defiancenetwork.channel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.channel.api.ChannelView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The owner's view of their channel: title, description, stream key. */
@Path("/channel/settings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ChannelSettingsPage {

    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(ChannelView channel, String newStreamKey, boolean saved,
                Map<String, String> problems);
    }

    private final ChannelService channels;
    private final SecurityIdentity identity;

    ChannelSettingsPage(ChannelService channels, SecurityIdentity identity) {
        this.channels = channels;
        this.identity = identity;
    }

    @GET
    public TemplateInstance settings(@QueryParam("saved") boolean saved) {
        return Templates.settings(own(), null, saved, Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response describe(@FormParam("title") String title, @FormParam("description") String description) {
        String cleanTitle = title == null ? "" : title.strip();
        String cleanDescription = description == null ? "" : description.strip();
        Map<String, String> problems = new LinkedHashMap<>();
        if (cleanTitle.isEmpty() || cleanTitle.length() > MAX_TITLE) {
            problems.put("title", "Give the channel a title of 1 to " + MAX_TITLE + " characters.");
        }
        if (cleanDescription.length() > MAX_DESCRIPTION) {
            problems.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.settings(own(), null, false, problems)).build();
        }
        channels.describe(owner(), cleanTitle, cleanDescription);
        return Response.seeOther(URI.create("/channel/settings?saved=true")).build();
    }

    /** Answers with the page itself rather than a redirect, so the key is shown this once and never again. */
    @POST
    @Path("stream-key")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotateStreamKey() {
        ChannelService.NewStreamKey fresh = channels.rotateStreamKey(owner());
        return Response.ok(Templates.settings(fresh.channel(), fresh.streamKey(), false, Map.of()))
                .header("Cache-Control", "no-store")
                .build();
    }

    private ChannelView own() {
        return channels.ownedBy(owner()).orElseThrow(() -> new IllegalStateException("signed-in account has no channel"));
    }

    private String owner() {
        return identity.getPrincipal().getName();
    }
}
