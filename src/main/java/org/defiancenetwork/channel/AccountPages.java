package org.defiancenetwork.channel;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign up, sign in and sign out. Each is a form with a CSRF token (so another site can neither
 * sign a visitor in to its own account nor out of theirs); sign-in is throttled per account and
 * per address and answers 429 with Retry-After while a key is closed.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    /** Where a new session goes when it was not sent to sign in from a page. */
    static final String LANDING = "/broadcast";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(boolean failed, boolean signedOut, long retryAfter, String next);

        static native TemplateInstance signup(String username, Map<String, String> problems);
    }

    private final ChannelService channels;
    private final SignIns signIns;
    private final SessionCookie sessions;
    private final SecurityIdentity identity;
    private final RoutingContext routing;

    AccountPages(ChannelService channels, SignIns signIns, SessionCookie sessions, SecurityIdentity identity,
            RoutingContext routing) {
        this.channels = channels;
        this.signIns = signIns;
        this.sessions = sessions;
        this.identity = identity;
        this.routing = routing;
    }

    @GET
    @Path("signin")
    public TemplateInstance signInForm(@QueryParam("failed") boolean failed, @QueryParam("signedout") boolean signedOut,
            @QueryParam("next") String next) {
        return Templates.signin(failed, signedOut, 0, localPath(next));
    }

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("next") String next) {
        SignIns.Outcome outcome;
        try {
            outcome = signIns.attempt(username, password, routing.request().remoteAddress().hostAddress());
        } catch (Passwords.Busy busy) {
            return busy();
        }
        if (outcome instanceof SignIns.Accepted accepted) {
            sessions.start(routing, accepted.account());
            String target = localPath(next);
            return Response.seeOther(URI.create(target == null ? LANDING : target)).build();
        }
        if (outcome instanceof SignIns.Throttled throttled) {
            long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
            return Response.status(429).header("Retry-After", seconds)
                    .entity(Templates.signin(false, false, seconds, localPath(next))).build();
        }
        return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.signin(true, false, 0, localPath(next))).build();
    }

    @GET
    @Path("signup")
    public TemplateInstance signUpForm() {
        return Templates.signup("", Map.of());
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        SignUpForm form = new SignUpForm(username, password, confirm);
        ChannelService.SignUp result;
        try {
            result = channels.signUp(form);
        } catch (Passwords.Busy busy) {
            return busy();
        }
        if (!result.accepted()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signup(form.username(), result.problems()))
                    .build();
        }
        sessions.start(routing, channels.account(form.username()));
        return Response.seeOther(URI.create(LANDING)).build();
    }

    /** Ends every session of the account, not only this browser's: a copied cookie stops working too. */
    @POST
    @Path("signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        if (!identity.isAnonymous()) {
            channels.endSessions(identity.getPrincipal().getName());
        }
        sessions.clear(routing);
        return Response.seeOther(URI.create("/signin?signedout=true")).build();
    }

    static Response busy() {
        throw new ServiceUnavailableException("The node is busy checking other passwords; try again in a few seconds.", 5L);
    }

    /** A path on this node to return to after sign-in; anything else (another host, a scheme) is dropped. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20) || next.length() > 512) {
            return null;
        }
        return next;
    }
}
