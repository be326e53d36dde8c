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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;

/** Sign up, sign in and sign out. The password check itself is Quarkus form authentication. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    /** Where form authentication takes username and password (quarkus.http.auth.form.post-location). */
    static final String SIGN_IN_ACTION = "/j_security_check";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(boolean failed, boolean signedOut);

        static native TemplateInstance signup(String username, Map<String, String> problems);
    }

    private final ChannelService channels;
    private final SecurityIdentity identity;

    AccountPages(ChannelService channels, SecurityIdentity identity) {
        this.channels = channels;
        this.identity = identity;
    }

    @GET
    @Path("signin")
    public TemplateInstance signIn(@QueryParam("failed") boolean failed, @QueryParam("signedout") boolean signedOut) {
        return Templates.signin(failed, signedOut);
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
        ChannelService.SignUp result = channels.signUp(new SignUpForm(username, password, confirm));
        if (!result.accepted()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signup(new SignUpForm(username, "", "").username(), result.problems()))
                    .build();
        }
        // 307 makes the browser repeat this very POST (same username and password fields) to the
        // sign-in action, so the new broadcaster is signed in without typing the password again.
        return Response.temporaryRedirect(URI.create(SIGN_IN_ACTION)).build();
    }

    @POST
    @Path("signout")
    public Response signOut() {
        if (!identity.isAnonymous()) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/signin?signedout=true")).build();
    }
}
