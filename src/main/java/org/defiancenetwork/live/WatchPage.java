package org.defiancenetwork.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.live.api.BroadcastStatus;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /watch/{id}: the player for a live broadcast or its recording. */
@Path("/watch/{id}")
public class WatchPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance watch(BroadcastStatus broadcast);
    }

    private final BroadcastService broadcasts;

    WatchPage(BroadcastService broadcasts) {
        this.broadcasts = broadcasts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance watch(@PathParam("id") String id) {
        return Templates.watch(broadcasts.status(id).orElseThrow(() -> new NotFoundException("There is no broadcast " + id + ".")));
    }
}
