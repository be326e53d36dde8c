package org.defiancenetwork.platform.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.platform.SecurityConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries, pages, files and errors alike: what the page may load
 * (Content-Security-Policy), that no other site may frame it, that browsers must not guess
 * content types, and that addresses of this node are not leaked to other sites. Media files that
 * were found carry only the last: players poll them, browsers never render them as pages.
 */
@Singleton
public class SecurityHeaders {

    private final String policy;

    SecurityHeaders(SecurityConfig config) {
        this.policy = config.contentSecurityPolicy();
    }

    void install(@Observes Filters filters) {
        filters.register(ctx -> {
            ctx.addHeadersEndHandler(ignored -> add(ctx));
            ctx.next();
        }, CrossSiteRequests.PRIORITY + 10);
    }

    private void add(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        if (isMediaFile(ctx)) {
            // Playlists and segments are fetched by players, never shown as a page; the page headers
            // would cost more than a revalidated playlist itself, on every poll of every viewer.
            return;
        }
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", policy);
        }
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
    }

    private static boolean isMediaFile(RoutingContext ctx) {
        int status = ctx.response().getStatusCode();
        return ctx.normalizedPath().startsWith("/media/") && (status == 200 || status == 206 || status == 304);
    }
}
