package org.defiancenetwork.platform.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import io.vertx.ext.web.Router;

/**
 * Requests that no REST resource and no static file claims end here, so they get the same 404
 * page or problem document as everything else instead of the server's bare default.
 */
@Singleton
public class UnclaimedPaths {

    void install(@Observes Router router) {
        router.route().last().handler(ctx -> {
            Response answer = ErrorAnswers.notFound(ctx.request());
            ctx.response().setStatusCode(answer.getStatus());
            ctx.response().putHeader("Content-Type", answer.getMediaType().toString());
            Object body = answer.getEntity();
            ctx.response().end(body instanceof String text ? text : io.vertx.core.json.Json.encode(body));
        });
    }
}
