package org.defiancenetwork.audigy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.platform.web.Problem;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers catalogue uploads that are too large with the same problem document as every other
 * error, before the HTTP layer's own body limit would close the connection with a bare 413.
 */
@Singleton
class UploadLimits {

    static final String[] PATHS = { "/api/audio/catalogues", "/audio/admin/upload" };
    /** A 10 MiB file with the multipart framing around it still fits. */
    static final long MAX_REQUEST = AugyFormat.MAX_BYTES + 64 * 1024;

    void install(@Observes Router router) {
        for (String path : PATHS) {
            router.post(path).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::checkLength);
            router.post(path).failureHandler(this::tooLarge);
        }
    }

    private void checkLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        try {
            if (length != null && Long.parseLong(length.strip()) > MAX_REQUEST) {
                answer(ctx, Long.parseLong(length.strip()));
                return;
            }
        } catch (NumberFormatException malformed) {
            // the HTTP layer answers a malformed length itself
        }
        ctx.next();
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            answer(ctx, -1);
        } else {
            ctx.next();
        }
    }

    private static void answer(RoutingContext ctx, long length) {
        String detail = (length > 0 ? "The request is " + length + " bytes; a" : "A") + " catalogue may be at most "
                + AugyFormat.MAX_BYTES + " bytes (10 MiB).";
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(Problem.of(413, "Content Too Large", detail, ctx.request().path())));
    }
}
