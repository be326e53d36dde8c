package org.defiancenetwork.operations;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/node")
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
