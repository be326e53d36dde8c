package org.defiancenetwork.platform.web;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeIdentity;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses cross-site requests that would act with a visitor's cookies (CSRF), before anything
 * reads them. It applies to every request that changes something, carries cookies and has no
 * Authorization header (a Bearer key or token is never sent by a browser on its own):
 * <ul>
 * <li>a browser's Origin must be this node (browsers send it on every POST, PUT, PATCH, DELETE);</li>
 * <li>without Origin, Sec-Fetch-Site must not say another site;</li>
 * <li>without either, a POST a browser could send cross-site without asking first (no body or
 * text/plain) must carry the CSRF token in the {@value #TOKEN_HEADER} header. Form posts carry it
 * as a field, which the REST layer checks (quarkus-rest-csrf); other content types (JSON, SDP)
 * cannot be sent cross-site without a CORS preflight, which this node never grants to cookies.</li>
 * </ul>
 * Runs before authentication, so a refused request never reaches the sign-in or session code.
 */
@Singleton
public class CrossSiteRequests {

    public static final String TOKEN_HEADER = "X-CSRF-Token";
    public static final String TOKEN_COOKIE = "defiance-csrf";
    /** Ahead of authentication (200) and CORS (300). */
    static final int PRIORITY = 400;

    private final NodeIdentity node;

    CrossSiteRequests(NodeIdentity node) {
        this.node = node;
    }

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext ctx) {
        String refusal = refusal(ctx.request());
        if (refusal == null) {
            ctx.next();
            return;
        }
        ErrorAnswers.end(ctx, 403, "Forbidden", refusal);
    }

    /** Why the request is refused, or null to let it pass. */
    String refusal(HttpServerRequest request) {
        if (safe(request.method()) || request.headers().get("Cookie") == null
                || request.headers().get("Authorization") != null) {
            return null;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return Origins.sameOrigin(origin, request, node.publicBaseUrl()) ? null
                    : "Requests from other sites may not act with this site's cookies.";
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none") ? null
                    : "Requests from other sites may not act with this site's cookies.";
        }
        if (request.method() == HttpMethod.POST && crossSiteSendable(request.getHeader("Content-Type"))) {
            Cookie cookie = request.getCookie(TOKEN_COOKIE);
            String token = request.getHeader(TOKEN_HEADER);
            if (cookie == null || !Hashing.sameBytes(cookie.getValue(), token)) {
                return "Send the page's CSRF token in the " + TOKEN_HEADER + " header.";
            }
        }
        return null;
    }

    private static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    /** No body, or text/plain: what a form or fetch of another site may send without a preflight, besides forms. */
    private static boolean crossSiteSendable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("text/plain");
    }
}
