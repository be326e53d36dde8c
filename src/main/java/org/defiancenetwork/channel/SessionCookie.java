package org.defiancenetwork.channel;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.SecurityConfig;

import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.ext.web.RoutingContext;

/**
 * The sign-in cookie: a {@link SessionTicket} encrypted and authenticated (AES-GCM, by Quarkus's
 * own {@link PersistentLoginManager}) with the {@link SessionKey}. The cookie expires after the idle
 * timeout unless used, and is renewed while in use; the ticket inside keeps its sign-in time, so
 * renewal never stretches the absolute lifetime. Secure whenever the request came over HTTPS.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "defiance-session";
    /** Renew the idle timeout at most once a minute, not on every request. */
    private static final long RENEW_AFTER_MILLIS = 60_000;

    /** quarkus-rest-csrf's token size (quarkus.rest-csrf.token-size), which it checks on every cookie. */
    private static final int CSRF_TOKEN_BYTES = 16;
    /** Where quarkus-rest-csrf takes the token it writes to the CSRF cookie at the end of a verified request. */
    private static final String CSRF_ROUTING_KEY = "csrf_token";

    private final PersistentLoginManager cookies;
    private final SecurityConfig config;
    private final Ids ids;

    SessionCookie(SessionKey key, SecurityConfig config, Ids ids) {
        this.config = config;
        this.ids = ids;
        this.cookies = new PersistentLoginManager(key.value(), NAME, config.sessions().idleTimeout().toMillis(),
                RENEW_AFTER_MILLIS, true, "LAX", "/", -1, null);
    }

    /**
     * Signs the browser in as {@code account} with a fresh CSRF token bound to the session: a CSRF
     * cookie someone planted before sign-in does not carry over into it. The request must be a
     * form post the CSRF filter verified (it then writes the token it finds in the routing context).
     */
    void start(RoutingContext ctx, Account account) {
        String csrf = ids.token(CSRF_TOKEN_BYTES);
        ctx.put(CSRF_ROUTING_KEY, csrf);
        issue(ctx, account, csrf);
    }

    private void issue(RoutingContext ctx, Account account, String csrfToken) {
        SessionTicket ticket = new SessionTicket(account.username, account.sessionVersion, Instant.now(),
                SessionTicket.binding(csrfToken));
        cookies.save(ticket.encode(), ctx, NAME, null, ctx.request().isSSL());
    }

    /** The ticket of a valid, unexpired cookie, renewing the cookie when due; null otherwise. */
    SessionTicket read(RoutingContext ctx) {
        PersistentLoginManager.RestoreResult restored = cookies.restore(ctx, NAME);
        if (restored == null) {
            return null;
        }
        SessionTicket ticket = SessionTicket.decode(restored.getPrincipal());
        if (ticket == null || ticket.expired(config.sessions().lifetime(), Instant.now())) {
            return null;
        }
        cookies.save(restored.getPrincipal(), ctx, NAME, restored, ctx.request().isSSL());
        return ticket;
    }

    boolean present(RoutingContext ctx) {
        return ctx.request().getCookie(NAME) != null;
    }

    void clear(RoutingContext ctx) {
        cookies.clear(ctx);
    }
}
