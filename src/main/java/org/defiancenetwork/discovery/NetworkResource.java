package org.defiancenetwork.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.platform.KeyedRateLimits;
import org.defiancenetwork.platform.Roles;
import org.defiancenetwork.platform.net.UrlGuard;
import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;

/** Node-to-node federation over HTTPS: announcements pulled and pushed, follow requests, what is live elsewhere. */
@Path("/api/network")
public class NetworkResource {

    static final String ANNOUNCEMENTS = "/api/network/announcements";
    static final String INBOX = "/api/network/inbox";
    static final String FOLLOWS = "/api/network/follows";

    private final Announcements announcements;
    private final Peers peers;
    private final ThisNode self;
    private final DiscoveryConfig config;
    private final ObjectMapper json;
    private final DiscoveryMetrics metrics;
    /** Before any signature is checked: bounds what one address can make this node verify. */
    private final KeyedRateLimits perAddress = new KeyedRateLimits(20, 100, 10_000);

    NetworkResource(Announcements announcements, Peers peers, ThisNode self, DiscoveryConfig config, ObjectMapper json,
            DiscoveryMetrics metrics) {
        this.announcements = announcements;
        this.peers = peers;
        this.self = self;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    @GET
    @Path("/announcements")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Signed announcements this node has (its own and forwardable ones) kept after 'since' (RFC 3339)")
    public ObjectNode announcements(@QueryParam("since") String since) {
        Instant after = null;
        if (since != null && !since.isBlank()) {
            try {
                after = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since '" + since + "' is not an RFC 3339 UTC time such as 2024-05-01T12:00:00Z");
            }
        }
        ObjectNode answer = json.createObjectNode()
                .put("node_id", self.id())
                .put("now", Instants.text(self.clock().instant()));
        answer.set("announcements", announcements.toJson(announcements.since(after)));
        return answer;
    }

    @POST
    @Path("/inbox")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A followed node pushes a signed announcement (in a delivery signed by the sender)")
    public Response inbox(InputStream body, HttpServerRequest request) {
        JsonNode envelope = read(body, request);
        try {
            Announcements.Outcome outcome = announcements.acceptDelivery(envelope);
            return Response.accepted(json.createObjectNode().put("outcome", outcome.name().toLowerCase())).build();
        } catch (Announcements.NotFollowed e) {
            throw new ForbiddenException(e.getMessage());
        } catch (Announcements.RateLimited e) {
            throw new ClientErrorException(e.getMessage(),
                    Response.status(429).header("Retry-After", e.retryAfterSeconds()).build());
        } catch (Announcements.AnnouncementRefused e) {
            throw new WebApplicationException(e.getMessage(), 422);
        } catch (Rejected e) {
            throw new BadRequestException("the delivery is refused: " + e.getMessage());
        }
    }

    @POST
    @Path("/follows")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A node asks to be pushed this node's announcements, or to stop (signed follow request)")
    public ObjectNode follows(InputStream body, HttpServerRequest request) {
        JsonNode document = read(body, request);
        try {
            peers.acceptFollow(document);
            return json.createObjectNode().put("node_id", self.id()).put("follow", document.path("follow").asBoolean());
        } catch (Rejected e) {
            metrics.rejected("follow", e.reason());
            if (e.reason().equals(Rejected.BLOCKED)) {
                throw new ForbiddenException(e.getMessage());
            }
            throw new BadRequestException(e.getMessage());
        } catch (UrlGuard.Refused e) {
            throw new BadRequestException("follower_url is refused: " + e.getMessage());
        } catch (IOException e) {
            throw new BadRequestException("the follower's descriptor could not be fetched: " + e.getMessage());
        }
    }

    @GET
    @Path("/broadcasts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live broadcasts on other nodes this node has heard of")
    public List<NetworkBroadcast> broadcasts() {
        return announcements.liveElsewhere().stream().map(NetworkBroadcast::of).toList();
    }

    @GET
    @Path("/peers")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every node this node knows, with its probe state (admins only)")
    public List<PeerView> peers() {
        return peers.all().stream().map(PeerView::of).toList();
    }

    private JsonNode read(InputStream body, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        if (!perAddress.tryAcquire(address)) {
            throw new ClientErrorException("too many requests from " + address,
                    Response.status(429).header("Retry-After", perAddress.retryAfterSeconds()).build());
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(config.maxMessageBytes() + 1);
        } catch (IOException e) {
            throw new BadRequestException("the body could not be read");
        }
        if (bytes.length > config.maxMessageBytes()) {
            throw new WebApplicationException("the body is larger than the " + config.maxMessageBytes() + " bytes accepted", 413);
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("the body could not be read");
        }
    }
}
