package org.defiancenetwork.channel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.platform.text.PlainText;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/** The owner's view of their account and channel: title, description, stream key, password, API tokens. */
@Path("/channel/settings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ChannelSettingsPage {

    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TOKEN_NAME = 60;

    /** What the page shows besides the channel: a secret shown this once, a confirmation, problems. */
    public record Notice(String newStreamKey, String newApiToken, String saved, Map<String, String> problems) {
        static Notice none() {
            return new Notice(null, null, null, Map.of());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(ChannelView channel, List<ApiToken> tokens, Notice notice);
    }

    private final ChannelService channels;
    private final Passwords passwords;
    private final SessionCookie sessions;
    private final SecurityIdentity identity;
    private final RoutingContext routing;

    ChannelSettingsPage(ChannelService channels, Passwords passwords, SessionCookie sessions, SecurityIdentity identity,
            RoutingContext routing) {
        this.channels = channels;
        this.passwords = passwords;
        this.sessions = sessions;
        this.identity = identity;
        this.routing = routing;
    }

    @GET
    public TemplateInstance settings(@QueryParam("saved") String saved) {
        return page(new Notice(null, null, saved, Map.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response describe(@FormParam("title") String title, @FormParam("description") String description) {
        String cleanTitle = PlainText.line(title);
        String cleanDescription = PlainText.lines(description);
        Map<String, String> problems = new LinkedHashMap<>();
        if (cleanTitle.isEmpty() || cleanTitle.codePointCount(0, cleanTitle.length()) > MAX_TITLE) {
            problems.put("title", "Give the channel a title of 1 to " + MAX_TITLE + " characters.");
        }
        if (cleanDescription.codePointCount(0, cleanDescription.length()) > MAX_DESCRIPTION) {
            problems.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(page(new Notice(null, null, null, problems))).build();
        }
        channels.describe(owner(), cleanTitle, cleanDescription);
        return Response.seeOther(URI.create("/channel/settings?saved=channel")).build();
    }

    /** Answers with the page itself rather than a redirect, so the key is shown this once and never again. */
    @POST
    @Path("stream-key")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotateStreamKey() {
        ChannelService.NewStreamKey fresh = channels.rotateStreamKey(owner());
        return Response.ok(page(new Notice(fresh.streamKey(), null, null, Map.of())))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Ends every other session of the account; this browser gets a fresh one. */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            if (!passwords.matches(current == null ? "" : current, channels.account(owner()).passwordHash)) {
                problems.put("current", "That is not your current password.");
            }
            String weak = SignUpForm.passwordProblem(password == null ? "" : password, owner());
            if (weak != null) {
                problems.put("new-password", weak);
            } else if (!password.equals(confirm)) {
                problems.put("new-confirm", "The two passwords differ.");
            }
            if (!problems.isEmpty()) {
                return Response.status(Response.Status.BAD_REQUEST)
                        .entity(page(new Notice(null, null, null, problems))).build();
            }
            sessions.start(routing, channels.changePassword(owner(), password));
        } catch (Passwords.Busy busy) {
            return AccountPages.busy();
        }
        return Response.seeOther(URI.create("/channel/settings?saved=password")).build();
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createApiToken(@FormParam("name") String name) {
        String clean = PlainText.line(name);
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > MAX_TOKEN_NAME) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(new Notice(null, null, null,
                    Map.of("token-name", "Name the token (1 to " + MAX_TOKEN_NAME + " characters), e.g. the machine it is for."))))
                    .build();
        }
        String secret = channels.createApiToken(owner(), clean);
        return Response.ok(page(new Notice(null, secret, null, Map.of()))).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeApiToken(@PathParam("id") long id) {
        if (!channels.revokeApiToken(owner(), id)) {
            throw new NotFoundException("You have no API token " + id + ".");
        }
        return Response.seeOther(URI.create("/channel/settings?saved=token-revoked")).build();
    }

    private TemplateInstance page(Notice notice) {
        ChannelView channel = channels.ownedBy(owner())
                .orElseThrow(() -> new IllegalStateException("signed-in account has no channel"));
        return Templates.settings(channel, channels.apiTokens(owner()), notice);
    }

    private String owner() {
        return identity.getPrincipal().getName();
    }
}
