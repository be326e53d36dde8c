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
 * content types, and that addresses of this node are not leaked to other sites.
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
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", policy);
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
    }
}
