package org.defiancenetwork.audigy;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code /api/audio/entries}: search, one entry with its copy, and what a player should play. */
@Path("/api/audio/entries")
@Produces(MediaType.APPLICATION_JSON)
public class EntryResource {

    /** An entry with what this node holds of its audio. */
    @RegisterForReflection
    public record EntryDetail(EntryView entry, AudioCopies.Status copy) {
    }

    @Inject
    Catalogues catalogues;

    @Inject
    Playbacks playbacks;

    @Inject
    AudioCopies copies;

    @GET
    public List<EntryView> search(@QueryParam("q") String query, @QueryParam("genre") String genre,
            @QueryParam("collection") String collection, @QueryParam("limit") @DefaultValue("100") int limit) {
        return catalogues.search(query, genre, collection, Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("/{id}")
    public EntryDetail one(@PathParam("id") String id) {
        EntryView entry = catalogues.entry(id).orElseThrow(() -> new NotFoundException("There is no entry " + id + " on this node."));
        return new EntryDetail(entry, copies.status(entry.id()).orElse(null));
    }

    /**
     * What the player should load: the node's verified copy (fetched now when there is none, so
     * the answer may say "fetching"), why there is none, or the origin itself when the node keeps
     * no copies.
     */
    @GET
    @Path("/{id}/playback")
    public Playbacks.Playback playback(@PathParam("id") String id) {
        EntryView entry = catalogues.entry(id).orElseThrow(() -> new NotFoundException("There is no entry " + id + " on this node."));
        return playbacks.of(entry);
    }
}
