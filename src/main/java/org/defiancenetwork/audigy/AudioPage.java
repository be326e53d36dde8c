package org.defiancenetwork.audigy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /audio}: the node's collections, then their entries by series and episode order, with
 * genre filters and search; {@code /audio/{collection}} the same for one collection; and
 * {@code /audio/entry/{id}} one entry with everything the catalogue says of it.
 */
@Path("/audio")
public class AudioPage {

    static final int PAGE_ENTRIES = 500;

    /** The entries of one collection, as the page shows them. */
    public record Shelf(CollectionView collection, List<Series> series) {
    }

    /** Entries of one series in episode order; {@code name} is null for entries outside any series. */
    public record Series(String name, List<EntryView> entries) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audio(List<CollectionView> collections, List<Shelf> shelves, List<String> genres,
                String q, String genre, CollectionView selected, int found);

        static native TemplateInstance entry(EntryView entry, CollectionView collection, AudioCopies.Status copy,
                List<EntryView> related, String mode);
    }

    @Inject
    Catalogues catalogues;

    @Inject
    AudioCopies copies;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance audio(@QueryParam("q") String q, @QueryParam("genre") String genre) {
        return page(q, genre, null);
    }

    @GET
    @Path("/{slug: [a-z0-9][a-z0-9-]*}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance collection(@PathParam("slug") String slug, @QueryParam("q") String q, @QueryParam("genre") String genre) {
        AudioCatalogue row = catalogues.bySlug(slug)
                .orElseThrow(() -> new NotFoundException("There is no collection " + slug + " on this node."));
        return page(q, genre, catalogues.view(row));
    }

    private TemplateInstance page(String q, String genre, CollectionView selected) {
        List<CollectionView> collections = catalogues.collections();
        List<EntryView> found = catalogues.search(q, genre, selected == null ? null : selected.slug(), PAGE_ENTRIES);
        return Templates.audio(collections, shelves(collections, found), catalogues.genres(), q == null ? "" : q,
                genre == null ? "" : genre, selected, found.size());
    }

    /** Groups entries (already in collection, series, season, episode order) into shelves and series. */
    static List<Shelf> shelves(List<CollectionView> collections, List<EntryView> entries) {
        Map<String, Map<String, List<EntryView>>> byCollection = new LinkedHashMap<>();
        for (EntryView e : entries) {
            byCollection.computeIfAbsent(e.collection(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(e.series() == null ? "" : e.series(), s -> new ArrayList<>()).add(e);
        }
        List<Shelf> shelves = new ArrayList<>();
        byCollection.forEach((slug, series) -> {
            CollectionView collection = collections.stream().filter(c -> c.slug().equals(slug)).findFirst().orElse(null);
            List<Series> groups = new ArrayList<>();
            series.forEach((name, list) -> groups.add(new Series(name.isEmpty() ? null : name, list)));
            shelves.add(new Shelf(Objects.requireNonNull(collection), groups));
        });
        return shelves;
    }

    @GET
    @Path("/entry/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance entry(@PathParam("id") String id) {
        EntryView entry = catalogues.entry(id).orElseThrow(() -> new NotFoundException("There is no entry " + id + " on this node."));
        CollectionView collection = catalogues.bySlug(entry.collection()).map(catalogues::view).orElseThrow();
        List<EntryView> related = catalogues.entries(entry.relatedContent());
        return Templates.entry(entry, collection, copies.status(entry.id()).orElse(null), related,
                copies.mode().name().toLowerCase().replace('_', '-'));
    }
}
