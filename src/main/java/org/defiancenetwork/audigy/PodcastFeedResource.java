package org.defiancenetwork.audigy;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.defiancenetwork.audigy.augy.Catalogue;

import com.rometools.rome.io.FeedException;

/** {@code /audio/{collection}/feed.xml}: every collection as a podcast any podcast app can follow. */
@Path("/audio/{slug}/feed.xml")
public class PodcastFeedResource {

    static final String RSS = "application/rss+xml";
    /** How many entries a feed lists; podcast apps read the first few hundred. */
    static final int MAX_ITEMS = 1000;

    @Inject
    Catalogues catalogues;

    @Inject
    AudioCopies copies;

    @Inject
    AudioOrigins origins;

    @Inject
    AudioLinks links;

    @GET
    public Response feed(@PathParam("slug") String slug, @Context UriInfo uri) throws FeedException {
        AudioCatalogue row = catalogues.bySlug(slug)
                .orElseThrow(() -> new NotFoundException("There is no collection " + slug + " on this node."));
        String base = links.base(uri);
        CollectionView collection = catalogues.view(row);
        Catalogue.Metadata metadata = catalogues.metadata(row);
        List<EntryView> entries = catalogues.search(null, null, slug, MAX_ITEMS);
        String xml = PodcastFeedWriter.write(collection, metadata, entries, e -> enclosure(e, base), base,
                base + collection.feedUrl(), base + "/static/audigy/cover.png");
        return Response.ok(xml).type(RSS + "; charset=utf-8").header("Cache-Control", "public, max-age=300").build();
    }

    /** Where podcast apps fetch an episode: the node's verified copy, or the origin when the node keeps none. */
    private PodcastFeedWriter.Enclosed enclosure(EntryView e, String base) {
        AudioCopies.Status copy = copies.status(e.id()).orElse(null);
        long length = e.checksums().stream().map(Catalogue.Checksum::size).filter(s -> s != null && s > 0).findFirst()
                .orElse(e.sizeBytes() != null ? e.sizeBytes() : copy != null && copy.sizeBytes() != null ? copy.sizeBytes() : 0L);
        String firstUri = e.uriPoints().isEmpty() ? "" : e.uriPoints().get(0);
        String type = copy != null && copy.contentType() != null ? copy.contentType() : AudioTypes.fromName(firstUri);
        String sha256 = copy != null && copy.state() == AudioCopy.State.VERIFIED ? copy.sha256() : null;
        boolean ownCopy = copy != null && copy.pinned();
        if (copies.mode() != AudioConfig.CacheMode.OFF || ownCopy) {
            return new PodcastFeedWriter.Enclosed(base + Playbacks.fileUrl(e.id()), length, type, sha256);
        }
        for (String candidate : e.uriPoints()) {
            AudioOrigins.Resolved resolved = origins.resolve(candidate);
            if (resolved.url() != null) {
                return new PodcastFeedWriter.Enclosed(resolved.url().toString(), length, type, sha256);
            }
        }
        return null;
    }

}
