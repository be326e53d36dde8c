package org.defiancenetwork.audigy;

import java.io.IOException;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The forms of the Audio admin section: upload a catalogue, subscribe to a URL, refresh or remove
 * a source, delete a collection. Each answers with a redirect back to the section, or a page
 * listing every problem.
 */
@Path("/audio/admin")
public class AudioAdminForms {

    private static final URI BACK = URI.create("/admin#admin-audio");

    @Inject
    Catalogues catalogues;

    @Inject
    CatalogueSources sources;

    @Inject
    Listener listener;

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file) throws IOException {
        Catalogues.Actor actor = listener.creator();
        Catalogues.Imported imported = catalogues.importFile(CatalogueResource.uploaded(file), null, actor);
        return Response.seeOther(URI.create(imported.collection().url())).build();
    }

    @POST
    @Path("/subscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(@RestForm String url, @RestForm String kind) {
        Catalogues.Actor actor = listener.creator();
        sources.subscribe(url == null ? "" : url, SourceResource.kind(kind), actor);
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/sources/{id}/refresh")
    public Response refresh(@PathParam("id") long id) {
        listener.creator();
        sources.refresh(id);
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/sources/{id}/remove")
    public Response remove(@PathParam("id") long id) {
        sources.remove(id, listener.creator());
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/catalogues/{slug}/delete")
    public Response delete(@PathParam("slug") String slug) {
        Catalogues.Actor actor = listener.creator();
        catalogues.delete(catalogues.bySlug(slug).orElseThrow(() -> new NotFoundException("There is no collection " + slug + ".")), actor);
        return Response.seeOther(BACK).build();
    }
}
