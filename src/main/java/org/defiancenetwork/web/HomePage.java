package org.defiancenetwork.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.live.api.BroadcastSummary;
import org.defiancenetwork.live.api.Broadcasts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

@Path("/")
public class HomePage {

    static final int RECENT_RECORDINGS = 12;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<BroadcastSummary> live, List<BroadcastSummary> recordings);
    }

    private final Broadcasts broadcasts;

    HomePage(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home(broadcasts.live(), broadcasts.recentRecordings(RECENT_RECORDINGS));
    }
}
