package org.defiancenetwork.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.CrossSiteRequests;
import org.defiancenetwork.platform.web.ErrorAnswers;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * How a request says who it is: a personal API token ({@code Authorization: Bearer dnt_...}) on
 * {@code /api} addresses, else the session cookie. A cookie whose session ended (sign-out, password
 * change, absolute lifetime) is removed and the request goes on as a visitor's; protected pages
 * then send it to sign in. A request that changes something must also carry the CSRF cookie the
 * session was bound to at sign-in.
 *
 * <p>Sign-in itself is {@code POST /signin} ({@link AccountPages}), an ordinary form resource, so the
 * REST layer's CSRF check, throttling and bounded hashing apply to it like to every other form.
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    private static final String INVALID_TOKEN = "defiance.invalid-api-token";

    private final SessionCookie sessions;

    SessionMechanism(SessionCookie sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && authorization.substring(BEARER.length()).strip().startsWith(ApiToken.PREFIX)
                && isApi(ctx.normalizedPath())) {
            String token = authorization.substring(BEARER.length()).strip();
            // an unknown token makes the caller anonymous, so public addresses still answer and
            // protected ones say why they refuse
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), ctx))
                    .onFailure().recoverWithUni(unknown -> {
                        ctx.put(INVALID_TOKEN, true);
                        return Uni.createFrom().nullItem();
                    });
        }
        if (!sessions.present(ctx)) {
            return Uni.createFrom().nullItem();
        }
        SessionTicket ticket = sessions.read(ctx);
        if (ticket == null || (!safe(ctx.request().method()) && !ticket.boundTo(csrfCookie(ctx)))) {
            if (ticket == null) {
                sessions.clear(ctx);
            }
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(ticket), ctx))
                .onFailure().recoverWithUni(ended -> {
                    sessions.clear(ctx);
                    return Uni.createFrom().nullItem();
                });
    }

    /** API callers get the reason as problem details; pages are sent to sign in. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext ctx) {
        if (!isApi(ctx.normalizedPath())) {
            return HttpAuthenticationMechanism.super.sendChallenge(ctx);
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"defiance\"");
        ErrorAnswers.end(ctx, 401, "Unauthorized", ctx.get(INVALID_TOKEN) != null
                ? "That API token is not valid (revoked, or never issued by this node)."
                : "Sign in, or send an API token as Authorization: Bearer.");
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        if (isApi(ctx.normalizedPath())) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"defiance\""));
        }
        String location = "/signin";
        if (ctx.request().method() == HttpMethod.GET) {
            String uri = ctx.request().uri();
            location += "?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
        }
        return Uni.createFrom().item(new ChallengeData(302, "Location", location));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class, TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext ctx) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, SessionCookie.NAME));
    }

    private static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    private static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static String csrfCookie(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(CrossSiteRequests.TOKEN_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
