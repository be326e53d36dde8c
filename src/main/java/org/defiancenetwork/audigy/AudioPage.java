package org.defiancenetwork.audigy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audio catalogue's place in the navigation; the .augy catalogue itself is not built yet. */
@Path("/audio")
public class AudioPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audio();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance audio() {
        return Templates.audio();
    }
}
