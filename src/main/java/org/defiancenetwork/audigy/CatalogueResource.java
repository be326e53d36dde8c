package org.defiancenetwork.audigy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /api/audio/catalogues}: import an {@code .augy} file (JSON, YAML, TOML or a multipart
 * upload), list, export in any syntax (signed by this node), delete.
 */
@Path("/api/audio/catalogues")
public class CatalogueResource {

    /** An import's answer: the collection and what changed. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ImportAnswer(CollectionView collection, boolean created, int added, int updated, int removed,
            List<org.defiancenetwork.audigy.augy.Finding> warnings) {
    }

    @Inject
    Catalogues catalogues;

    @Inject
    Listener listener;

    @Inject
    AudioLinks links;

    @POST
    // Not text/plain: a browser may send that cross-site without asking (a CORS "simple" request).
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", "application/toml",
            "text/toml", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    public Response importBody(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        Catalogues.Actor actor = listener.creator();
        return answer(catalogues.importFile(body, AugyFormat.ofMediaType(contentType).orElse(null), actor));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importUpload(@RestForm("file") FileUpload file) throws IOException {
        Catalogues.Actor actor = listener.creator();
        return answer(catalogues.importFile(uploaded(file), null, actor));
    }

    /** The bytes of an uploaded catalogue, refused with 413 past the file limit before they are read. */
    static byte[] uploaded(FileUpload file) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw new BadRequestException("The upload has no part named \"file\".");
        }
        if (file.size() > AugyFormat.MAX_BYTES) {
            throw new CatalogueRejected(413, "The file is " + file.size() + " bytes; a catalogue may be at most "
                    + AugyFormat.MAX_BYTES + " bytes (10 MiB).");
        }
        return Files.readAllBytes(file.uploadedFile());
    }

    private Response answer(Catalogues.Imported imported) {
        ImportAnswer body = new ImportAnswer(imported.collection(), imported.created(), imported.added(),
                imported.updated(), imported.removed(), imported.warnings());
        Response.ResponseBuilder response = imported.created()
                ? Response.created(URI.create("/api/audio/catalogues/" + imported.collection().slug()))
                : Response.ok();
        return response.entity(body).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<CollectionView> list() {
        return catalogues.collections();
    }

    @GET
    @Path("/{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    public CollectionView one(@PathParam("slug") String slug) {
        return catalogues.bySlug(slug).map(catalogues::view)
                .orElseThrow(() -> new NotFoundException("There is no collection " + slug + " on this node."));
    }

    @GET
    @Path("/{slug}.augy")
    public Response export(@PathParam("slug") String slug, @QueryParam("format") String format, @Context UriInfo uri) {
        AugyFormat syntax = format == null || format.isBlank() ? AugyFormat.JSON
                : AugyFormat.ofName(format).orElseThrow(() -> new BadRequestException(
                        "Unknown format \"" + format + "\"; use json, yaml or toml."));
        AudioCatalogue row = catalogues.bySlug(slug)
                .orElseThrow(() -> new NotFoundException("There is no collection " + slug + " on this node."));
        return Response.ok(catalogues.export(row, syntax, links.base(uri)))
                .type(syntax.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + slug + ".augy." + syntax.extension() + "\"")
                .build();
    }

    @DELETE
    @Path("/{slug}")
    public Response delete(@PathParam("slug") String slug) {
        Catalogues.Actor actor = listener.creator();
        AudioCatalogue row = catalogues.bySlug(slug)
                .orElseThrow(() -> new NotFoundException("There is no collection " + slug + " on this node."));
        catalogues.delete(row, actor);
        return Response.noContent().build();
    }
}
