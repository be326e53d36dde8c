package org.defiancenetwork.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.defiancenetwork.platform.Hashing;
import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The addresses other nodes look for first (RFC 8615 well-known URIs). */
@Path("/.well-known/defiance")
public class WellKnownResource {

    private final ThisNode node;
    private final Peers peers;
    private final ObjectMapper json;

    WellKnownResource(ThisNode node, Peers peers, ObjectMapper json) {
        this.node = node;
        this.peers = peers;
        this.json = json;
    }

    @GET
    @Path("/node")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This node's descriptor: id, public key, name, base URL, version, capabilities; signed with its key")
    public ObjectNode descriptor(@Context UriInfo uri) {
        return node.descriptor(askedAt(uri));
    }

    /**
     * This node's view of the network in the original's registry format: itself first, then every
     * node it has verified and not blocked, with reliability from its own probes. ETag-validated,
     * so peers refreshing it cost a 304.
     */
    @GET
    @Path("/peer-registry.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Known nodes in the peer-registry.json format, with reliability from this node's probes")
    public Response registry(@Context UriInfo uri, @Context Request request) throws JsonProcessingException {
        List<PeerRegistry.BootstrapNode> nodes = new ArrayList<>();
        Map<String, Integer> perRegion = new TreeMap<>();
        nodes.add(new PeerRegistry.BootstrapNode(node.id(), node.baseUrl().orElse(askedAt(uri)), node.region().orElse(null),
                node.capabilities(), null, null));
        for (PeerNode p : peers.all()) {
            if (p.nodeId == null || p.blocked) {
                continue;
            }
            nodes.add(new PeerRegistry.BootstrapNode(p.nodeId, p.baseUrl, p.region,
                    p.capabilities == null || p.capabilities.isBlank() ? List.of() : Arrays.asList(p.capabilities.split(",")),
                    p.lastSeen == null ? null : Instants.text(p.lastSeen),
                    p.reliability().map(r -> Math.round(r * 1000) / 1000.0).orElse(null)));
        }
        nodes.forEach(n -> perRegion.merge(n.region() == null ? "unknown" : n.region(), 1, Integer::sum));
        Map<String, JsonNode> regions = new TreeMap<>();
        perRegion.forEach((region, count) -> regions.put(region, json.createObjectNode().put("nodes", count)));
        // The time changes every request; the ETag covers the nodes only, so an unchanged view is a 304.
        byte[] content = json.writeValueAsBytes(nodes);
        EntityTag tag = new EntityTag(Hashing.sha256Hex(content).substring(0, 32));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.build();
        }
        PeerRegistry registry = new PeerRegistry(PeerRegistry.VERSION, Instants.text(Instant.now()), nodes, regions);
        return Response.ok(registry).tag(tag).build();
    }

    private static String askedAt(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
