package org.defiancenetwork.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.platform.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The node's status for its admins (data dir, versions, storage): a browser session or an admin's API token. */
@Path("/api/node")
@RolesAllowed(Roles.ADMIN)
public class NodeResource {

    private final NodeStatus node;

    NodeResource(NodeStatus node) {
        this.node = node;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Identity, version, uptime, storage and dependencies of this node")
    public NodeStatus.Snapshot status() {
        return node.snapshot();
    }
}
