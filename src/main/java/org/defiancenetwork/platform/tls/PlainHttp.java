package org.defiancenetwork.platform.tls;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * Browsers give the camera, the microphone and {@code crypto.subtle} only to secure contexts: HTTPS,
 * or plain HTTP on localhost. So a page reached over plain HTTP at another address is sent to HTTPS
 * when the node serves it, and otherwise the broadcast page explains how to turn HTTPS on instead of
 * failing with a camera error. ACME http-01 challenges stay on plain HTTP, as the protocol needs.
 * HTTPS answers carry Strict-Transport-Security when the operator opted in.
 */
@Singleton
public class PlainHttp {

    /** After the cross-site guard and before authentication. */
    static final int PRIORITY = 350;
    static final String BROADCAST_PAGE = "/broadcast";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance httpsNeeded(String host, String path);
    }

    private final TlsConfig tls;

    PlainHttp(TlsConfig tls) {
        this.tls = tls;
    }

    void install(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isSSL()) {
            if (tls.hsts()) {
                ctx.response().putHeader("Strict-Transport-Security", "max-age=" + tls.hstsMaxAge().toSeconds());
            }
            ctx.next();
            return;
        }
        HostAndPort authority = request.authority();
        String host = authority == null ? "" : authority.host();
        boolean page = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        if (!page || loopback(host) || request.path().startsWith(AcmeCertificates.CHALLENGE_PATH)) {
            ctx.next();
            return;
        }
        if (tls.mode() != TlsConfig.Mode.OFF) {
            String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            ctx.response().setStatusCode(301)
                    .putHeader("Location", "https://" + bracketed + ":" + tls.httpsPort() + request.uri())
                    .end();
            return;
        }
        if (request.path().equals(BROADCAST_PAGE)) {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html;charset=UTF-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(Templates.httpsNeeded(host, request.path()).render());
            return;
        }
        ctx.next();
    }

    /** Names and addresses browsers treat as secure over plain HTTP. */
    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1");
    }
}
