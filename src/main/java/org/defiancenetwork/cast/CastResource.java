package org.defiancenetwork.cast;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * /api/cast: the devices the node can reach and the sessions it runs on them. Who may use it is
 * {@code defiance.cast.allowed}; every endpoint checks it. Errors are problem+json.
 */
@Path("/api/cast")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casting", description = "Chromecast and DLNA devices on the node's network, driven by the node")
public class CastResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    CastAccess access;
    @Inject
    CastConfig config;
    @Inject
    Devices devices;
    @Inject
    CastDiscovery discovery;
    @Inject
    CastSessions sessions;
    @Inject
    WhatToPlay whatToPlay;

    @GET
    @Path("/devices")
    @Operation(summary = "Devices the node can cast to", description = "Also starts a fresh search in the background.")
    @APIResponse(responseCode = "200", description = "Known devices")
    @APIResponse(responseCode = "401", description = "Sign in first")
    @APIResponse(responseCode = "403", description = "Not allowed to cast on this node")
    public List<CastDevice> devices() {
        allowed();
        discovery.searchSoon();
        return devices.list();
    }

    @POST
    @Path("/devices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a device by address", description = "For devices multicast does not reach. "
            + "Chromecast: IP address (port 8009). DLNA: IP address for a unicast search, or the renderer's description URL.")
    @APIResponse(responseCode = "201", description = "The device answered and is kept")
    @APIResponse(responseCode = "400", description = "Not a usable address")
    @APIResponse(responseCode = "422", description = "Nothing castable answers there")
    public Response addDevice(CastRequests.AddDevice request) {
        allowed();
        if (request == null) {
            throw new BadRequestException("a JSON body {address, port?, protocol} is required");
        }
        Protocol protocol = Protocol.of(request.protocol());
        DeviceAddress address = DeviceAddress.parse(request.address(), request.port(), protocol);
        if (request.name() != null && request.name().length() > 100) {
            throw new BadRequestException("name is longer than 100 characters");
        }
        CastDevice device;
        try {
            device = discovery.add(address, protocol, request.name());
        } catch (IOException e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        return Response.created(URI.create("/api/cast/devices/" + device.id())).entity(device).build();
    }

    @DELETE
    @Path("/devices/{id}")
    @Operation(summary = "Forget a device that was added by address")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @APIResponse(responseCode = "404", description = "No such added device")
    public void removeDevice(@PathParam("id") String id) {
        allowed();
        if (!discovery.remove(id)) {
            throw new NotFoundException("there is no device " + id + " added by address");
        }
    }

    @POST
    @Path("/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cast to a device", description = "Body: device and exactly one of broadcast, recording, audioEntry. "
            + "The session connects in the background; follow it at its Location or on /api/events?topic=cast:<id>.")
    @APIResponse(responseCode = "201", description = "Casting started")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "409", description = "Not playable now (e.g. the broadcast is not live)")
    @APIResponse(responseCode = "422", description = "Unknown device or media, or the device cannot play it")
    public Response startSession(CastRequests.StartSession request) {
        allowed();
        if (request == null || request.device() == null || request.device().isBlank()) {
            throw new BadRequestException("device is required");
        }
        int chosen = (blank(request.broadcast()) ? 0 : 1) + (blank(request.recording()) ? 0 : 1) + (blank(request.audioEntry()) ? 0 : 1);
        if (chosen != 1) {
            throw new BadRequestException("give exactly one of broadcast, recording or audioEntry");
        }
        CastDevice device = devices.find(request.device())
                .orElseThrow(() -> new ClientErrorException("there is no device " + request.device() + "; list them at /api/cast/devices", 422));
        CastMedia media;
        try {
            media = !blank(request.broadcast()) ? whatToPlay.broadcast(request.broadcast(), device)
                    : !blank(request.recording()) ? whatToPlay.recording(request.recording(), device)
                    : whatToPlay.audioEntry(request.audioEntry());
        } catch (WhatToPlay.Unplayable e) {
            throw new ClientErrorException(e.getMessage(), e.conflict() ? 409 : 422);
        }
        CastSession session;
        try {
            session = sessions.start(device, media);
        } catch (IllegalStateException e) {
            throw new ServerErrorException(e.getMessage(), 503);
        }
        return Response.created(URI.create("/api/cast/sessions/" + session.id())).entity(session.view()).build();
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Cast sessions on this node, including those that ended in the last minutes")
    public List<SessionView> listSessions() {
        allowed();
        return sessions.list().stream().map(CastSession::view).toList();
    }

    @GET
    @Path("/sessions/{id}")
    @Operation(summary = "A cast session: state, position, duration, volume, muted, error")
    @APIResponse(responseCode = "404", description = "No such session")
    public SessionView session(@PathParam("id") String id) {
        allowed();
        return find(id).view();
    }

    @PATCH
    @Path("/sessions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Control a cast session", description = "{action: play|pause|stop|seek, position?, volume? (0..1), muted?}; "
            + "answers when the device has accepted it.")
    @APIResponse(responseCode = "200", description = "Accepted by the device")
    @APIResponse(responseCode = "400", description = "Unknown action or value out of range")
    @APIResponse(responseCode = "409", description = "The session is not ready for it, or already over")
    @APIResponse(responseCode = "502", description = "The device refused or did not answer")
    public SessionView control(@PathParam("id") String id, CastRequests.Control request) {
        allowed();
        if (request == null || blank(request.action()) && request.volume() == null && request.muted() == null) {
            throw new BadRequestException("give an action (play, pause, stop, seek), a volume or muted");
        }
        String action = blank(request.action()) ? null : request.action().trim().toLowerCase(Locale.ROOT);
        if (action != null && !List.of("play", "pause", "stop", "seek").contains(action)) {
            throw new BadRequestException("unknown action '" + request.action() + "'; use play, pause, stop or seek");
        }
        if ("seek".equals(action) && (request.position() == null || request.position() < 0 || request.position().isNaN())) {
            throw new BadRequestException("seek needs a position in seconds, 0 or more");
        }
        if (request.volume() != null && (request.volume() < 0 || request.volume() > 1 || request.volume().isNaN())) {
            throw new BadRequestException("volume must be between 0 and 1");
        }
        CastSession session = find(id);
        try {
            if (request.volume() != null) {
                session.volume(request.volume());
            }
            if (request.muted() != null) {
                session.mute(request.muted());
            }
            if (action != null) {
                switch (action) {
                    case "play" -> session.play();
                    case "pause" -> session.pause();
                    case "seek" -> session.seek(request.position());
                    default -> session.stop();
                }
            }
        } catch (CastSession.NotReady e) {
            throw new ClientErrorException(e.getMessage(), 409);
        } catch (CastSession.DeviceRefused e) {
            throw new ServerErrorException(e.getMessage(), 502);
        }
        return session.view();
    }

    @DELETE
    @Path("/sessions/{id}")
    @Operation(summary = "Stop casting and forget the session")
    @APIResponse(responseCode = "204", description = "Stopped")
    @APIResponse(responseCode = "404", description = "No such session")
    public void endSession(@PathParam("id") String id) {
        allowed();
        if (!sessions.end(id)) {
            throw new NotFoundException("there is no cast session " + id);
        }
    }

    private CastSession find(String id) {
        return sessions.find(id).orElseThrow(() -> new NotFoundException("there is no cast session " + id));
    }

    private void allowed() {
        if (!config.enabled()) {
            throw new NotFoundException("casting is turned off on this node");
        }
        access.check(identity);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
