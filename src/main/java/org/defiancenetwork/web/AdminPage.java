package org.defiancenetwork.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import org.defiancenetwork.mesh.Swarms;
import org.defiancenetwork.node.NodeStatus;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

@Path("/admin")
public class AdminPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(NodeStatus.Snapshot status, List<Swarms.SwarmView> swarms);
    }

    private final NodeStatus node;
    private final Swarms swarms;

    AdminPage(NodeStatus node, Swarms swarms) {
        this.node = node;
        this.swarms = swarms;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance admin() {
        return Templates.admin(node.snapshot(), swarms.all());
    }
}
