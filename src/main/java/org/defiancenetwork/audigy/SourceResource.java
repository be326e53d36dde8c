package org.defiancenetwork.audigy;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/audio/sources}: follow an .augy URL or a podcast feed, refresh it now, stop following it. */
@Path("/api/audio/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    /** A subscription request: the URL and what it is ({@code augy} or {@code podcast}). */
    public record Subscription(String url, String kind) {
    }

    @Inject
    CatalogueSources sources;

    @Inject
    Listener listener;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(Subscription request) {
        Catalogues.Actor actor = listener.creator();
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new BadRequestException("Give the source's url.");
        }
        CatalogueSources.Refreshed subscribed = sources.subscribe(request.url(), kind(request.kind()), actor);
        return Response.created(URI.create("/api/audio/sources/" + subscribed.source().id())).entity(subscribed).build();
    }

    static AudioSource.Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return AudioSource.Kind.AUGY;
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "augy" -> AudioSource.Kind.AUGY;
            case "podcast", "rss" -> AudioSource.Kind.PODCAST;
            default -> throw new BadRequestException("Unknown kind \"" + kind + "\"; use augy or podcast.");
        };
    }

    @GET
    public List<CatalogueSources.SourceView> list() {
        return sources.list();
    }

    @GET
    @Path("/{id}")
    public CatalogueSources.SourceView one(@PathParam("id") long id) {
        return sources.find(id).orElseThrow(() -> new NotFoundException("There is no source " + id + " on this node."));
    }

    @POST
    @Path("/{id}/refresh")
    public CatalogueSources.Refreshed refresh(@PathParam("id") long id) {
        listener.creator();
        return sources.refresh(id);
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") long id) {
        sources.remove(id, listener.creator());
        return Response.noContent().build();
    }
}
