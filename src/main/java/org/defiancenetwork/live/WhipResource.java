package org.defiancenetwork.live;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.platform.text.PlainText;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * WHIP (RFC 9725): a broadcaster POSTs an SDP offer and gets the answer and a session URL; DELETE
 * on that URL ends the broadcast, PATCH adds trickled ICE candidates. Every method works for our
 * broadcast page (signed in) and for any WHIP client with the channel's stream key as Bearer token.
 */
@Path("/api/whip/{channel}")
public class WhipResource {

    static final String SDP = "application/sdp";
    static final String TRICKLE = "application/trickle-ice-sdpfrag";
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_TITLE = 140;
    static final String BROADCAST_HEADER = "X-Defiance-Broadcast";

    private final Channels channels;
    private final BroadcastService broadcasts;
    private final SecurityIdentity identity;
    private final OfferLimits limits;
    private final RoutingContext routing;

    WhipResource(Channels channels, BroadcastService broadcasts, SecurityIdentity identity, OfferLimits limits,
            RoutingContext routing) {
        this.channels = channels;
        this.broadcasts = broadcasts;
        this.identity = identity;
        this.limits = limits;
        this.routing = routing;
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent().header("Accept-Post", SDP).build();
    }

    @POST
    @Operation(summary = "Start (or resume) a broadcast from an SDP offer (WHIP, RFC 9725)")
    public Response offer(@PathParam("channel") String slug, @QueryParam("title") String title,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) throws IOException {
        requireType(contentType, SDP, "Send the offer as application/sdp.");
        String sdp = readLimited(body);
        try {
            limits.fromAddress(routing.request().remoteAddress().hostAddress());
            ChannelView channel = channels.bySlug(slug).orElseThrow(() -> new NotFoundException("There is no channel " + slug + "."));
            requireIngestRights(slug, authorization);
            limits.forChannel(channel.id());
            return answer(channel, slug, title, sdp);
        } catch (OfferLimits.TooMany e) {
            throw new ClientErrorException(e.getMessage(),
                    Response.status(429).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds).build());
        }
    }

    private Response answer(ChannelView channel, String slug, String title, String sdp) {
        SdpOffer offer;
        try {
            offer = SdpOffer.parse(sdp);
        } catch (SdpOffer.Invalid e) {
            throw new BadRequestException(e.getMessage());
        }
        // Titles are shown beside other people's text: no bidi overrides or invisible characters.
        String plainTitle = PlainText.line(title);
        String cleanTitle = plainTitle.isEmpty() ? channel.title() : plainTitle;
        if (cleanTitle.length() > MAX_TITLE) {
            throw new BadRequestException("The title is longer than " + MAX_TITLE + " characters.");
        }
        BroadcastService.Started started;
        try {
            started = broadcasts.goLive(channel, cleanTitle, offer);
        } catch (BroadcastService.AlreadyLive e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        } catch (BroadcastService.AtCapacity e) {
            throw new ServiceUnavailableException(e.getMessage(), 30L);
        } catch (IngestSession.Refused e) {
            throw new BadRequestException("The offer could not be answered: " + e.getMessage());
        }
        return Response.created(URI.create("/api/whip/" + slug + "/" + started.sessionId()))
                .type(SDP)
                .header("ETag", "\"" + started.sessionId() + "\"")
                .header(BROADCAST_HEADER, started.broadcastId())
                .entity(started.answerSdp())
                .build();
    }

    @OPTIONS
    @Path("{session}")
    public Response sessionPreflight() {
        return Response.noContent().build();
    }

    @DELETE
    @Path("{session}")
    @Operation(summary = "End the broadcast of this WHIP session")
    public Response stop(@PathParam("channel") String slug, @PathParam("session") String session,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireIngestRights(slug, authorization);
        requireSession(slug, session);
        if (!broadcasts.stop(session)) {
            throw new NotFoundException("This WHIP session has already ended.");
        }
        return Response.ok().build();
    }

    @PATCH
    @Path("{session}")
    @Operation(summary = "Add trickled ICE candidates to this WHIP session")
    public Response trickle(@PathParam("channel") String slug, @PathParam("session") String session,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) throws IOException {
        requireType(contentType, TRICKLE, "Send candidates as " + TRICKLE + ".");
        String fragment = readLimited(body);
        requireIngestRights(slug, authorization);
        requireSession(slug, session);
        TrickleCandidate.Fragment parsed;
        try {
            parsed = TrickleCandidate.parse(fragment);
        } catch (SdpOffer.Invalid e) {
            throw new BadRequestException(e.getMessage());
        }
        try {
            if (!broadcasts.addCandidates(session, parsed.candidates())) {
                throw new NotFoundException("This WHIP session has already ended.");
            }
        } catch (IngestSession.Refused e) {
            throw new BadRequestException("A candidate could not be used: " + e.getMessage());
        }
        return Response.noContent().build();
    }

    /**
     * The session URL alone is no credential (it travels in logs and Location headers): ending or
     * changing a session takes what starting one took, the stream key or the owner's sign-in.
     */
    private void requireIngestRights(String slug, String authorization) {
        String key = bearer(authorization);
        String user = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        if (channels.authorizeIngest(slug, key, user).isEmpty()) {
            throw new NotAuthorizedException(key == null
                    ? "Sign in as the channel's owner or send its stream key as a Bearer token."
                    : "That stream key is not valid for channel " + slug + ".", "Bearer realm=\"whip\"");
        }
    }

    private void requireSession(String slug, String session) {
        if (!broadcasts.channelOfSession(session).map(slug::equals).orElse(false)) {
            throw new NotFoundException("There is no WHIP session " + session + " on channel " + slug + ".");
        }
    }

    private static void requireType(String contentType, String expected, String message) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(expected)) {
            throw new NotSupportedException(message);
        }
    }

    /** Reads at most 64 KiB; a longer body is refused whatever Content-Length claimed. */
    private static String readLimited(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ClientErrorException("The body is larger than " + MAX_BODY / 1024 + " KiB.", 413);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        return authorization.substring(7).trim();
    }
}
