package org.defiancenetwork.audigy;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.audigy.augy.Finding;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers a rejected catalogue with all its findings: problem details with {@code errors} and
 * {@code warnings} under /api, a page listing them for the admin upload form.
 */
public class CatalogueRejectedAnswers {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rejected(int status, String title, String detail, List<Finding> errors,
                List<Finding> warnings);
    }

    @ServerExceptionMapper
    public Response rejected(CatalogueRejected e, HttpServerRequest request) {
        Response.StatusType type = Response.Status.fromStatusCode(e.status());
        String title = type != null ? type.getReasonPhrase() : e.status() == 422 ? "Unprocessable Content" : "Error";
        if (request.path().startsWith("/api/")) {
            return Response.status(e.status()).type(CatalogueProblem.MEDIA_TYPE)
                    .entity(new CatalogueProblem("about:blank", title, e.status(), e.getMessage(), request.path(),
                            e.errors(), e.warnings()))
                    .build();
        }
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.rejected(e.status(), title, e.getMessage(), e.errors(), e.warnings()).render())
                .build();
    }
}
