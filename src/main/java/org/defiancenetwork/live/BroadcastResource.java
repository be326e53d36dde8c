package org.defiancenetwork.live;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.BroadcastSummary;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.vertx.ext.web.RoutingContext;

/** Broadcasts as JSON: state and health for pages and clients, and viewer heartbeats. */
@Path("/api/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
public class BroadcastResource {

    private static final Pattern VIEWER_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** A viewer's heartbeat: an id the page made up for itself. */
    public record Heartbeat(String viewer) {
    }

    private final BroadcastService broadcasts;
    private final BroadcastDirectory directory;
    private final ViewerPresence presence;
    private final RoutingContext routing;

    BroadcastResource(BroadcastService broadcasts, BroadcastDirectory directory, ViewerPresence presence, RoutingContext routing) {
        this.routing = routing;
        this.broadcasts = broadcasts;
        this.directory = directory;
        this.presence = presence;
    }

    @GET
    @Operation(summary = "Broadcasts live now on any node of this cluster (state=LIVE)")
    public List<BroadcastSummary> list(@QueryParam("state") String state) {
        if (!"LIVE".equalsIgnoreCase(state)) {
            throw new BadRequestException("Ask for state=LIVE; past broadcasts are listed per channel.");
        }
        return directory.live();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "State, playlists, viewers and ingest/transcoder health of a broadcast")
    public BroadcastStatus status(@PathParam("id") String id) {
        return broadcasts.status(id).orElseThrow(() -> new NotFoundException("There is no broadcast " + id + "."));
    }

    @POST
    @Path("{id}/viewers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Heartbeat of a viewer; answers the current viewer count")
    public Map<String, Integer> heartbeat(@PathParam("id") String id, Heartbeat heartbeat) {
        if (heartbeat == null || heartbeat.viewer() == null || !VIEWER_ID.matcher(heartbeat.viewer()).matches()) {
            throw new BadRequestException("viewer must be 8 to 64 letters, digits, - or _.");
        }
        if (!broadcasts.isLiveAnywhere(id)) {
            throw new NotFoundException("Broadcast " + id + " is not live.");
        }
        return Map.of("viewers", presence.heartbeat(id, heartbeat.viewer(), routing.request().remoteAddress().hostAddress()));
    }
}
