package org.defiancenetwork.platform.web;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that turns failures into HTTP answers: problem details for {@code /api/**}, a page
 * for everything a browser asks for. Internals of a 500 are logged, never shown.
 */
public class ErrorAnswers {

    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);

        /** Without the shell: for requests refused before authentication, when no page context exists yet. */
        static native TemplateInstance bare(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status == 500) {
            LOG.errorf(e, "%s %s failed", request.method(), request.path());
        } else if (status > 500) {
            LOG.warnf("%s %s answered %d: %s", request.method(), request.path(), status, e.getMessage());
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(request, status, title, detailOf(e, status), e.getResponse());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return answer(request, 400, "Bad Request", detail, null);
    }

    /**
     * Nobody signed in where someone must be: the API says so as problem details; pages get the
     * authentication mechanism's own challenge (the sign-in page).
     */
    @ServerExceptionMapper
    public Uni<Response> unauthorized(io.quarkus.security.UnauthorizedException e, RoutingContext ctx) {
        HttpAuthenticator authenticator = Arc.container().instance(HttpAuthenticator.class).get();
        return authenticator.getChallenge(ctx).map(challenge -> {
            if (isApi(ctx.request().path())) {
                Response.ResponseBuilder builder = Response.status(401).type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(401, "Unauthorized", "Sign in, or send an API token as Authorization: Bearer.",
                                ctx.request().path()));
                if (challenge != null) {
                    challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
                }
                return builder.build();
            }
            Response.ResponseBuilder builder = Response.status(challenge == null ? 401 : challenge.status);
            if (challenge != null) {
                challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
            }
            return builder.build();
        });
    }

    /** A signed-in account without the role a page or call needs. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return answer(request, 403, "Forbidden", "Your account may not see or do this.", null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s failed", request.method(), request.path());
        return answer(request, 500, "Internal Server Error", "Something went wrong on this node.", null);
    }

    /** Ends a request that a filter refuses before any resource sees it: problem details or a bare page. */
    public static void end(RoutingContext ctx, int status, String title, String detail) {
        HttpServerResponse response = ctx.response().setStatusCode(status);
        if (isApi(ctx.request().path())) {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(io.vertx.core.json.Json.encode(Problem.of(status, title, detail, ctx.request().path())));
        } else {
            response.putHeader("Content-Type", "text/html;charset=UTF-8")
                    .end(Templates.bare(status, title, detail).render());
        }
    }

    /** Answers a 404 for a path that no resource or static file claims. */
    static Response notFound(HttpServerRequest request) {
        return answer(request, 404, "Not Found", "Nothing here at " + request.path() + ".", null);
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static Response answer(HttpServerRequest request, int status, String title, String detail,
            Response original) {
        Response.ResponseBuilder builder;
        if (isApi(request.path())) {
            builder = Response.status(status)
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(status, title, detail, request.path()));
        } else {
            builder = Response.status(status)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.error(status, title, detail).render());
        }
        if (original != null) {
            // Keep headers the protocol requires on errors, e.g. Allow on 405 or WWW-Authenticate on 401.
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    private static String detailOf(WebApplicationException e, int status) {
        String message = e.getMessage();
        // The framework's own wording ("HTTP 404 Not Found", "Unable to find matching target resource
        // method") describes its internals, not the request; answer those in plain words.
        boolean generic = message == null || message.startsWith("HTTP " + status)
                || message.startsWith("Unable to find matching target");
        if (status == 500 || generic) {
            return switch (status) {
                case 404 -> "There is nothing at this address.";
                case 405 -> "This address does not take that method.";
                case 406 -> "This address cannot answer in the requested format.";
                case 403 -> "You may not do this.";
                case 413 -> "The request is too large.";
                case 415 -> "This address does not take that content type.";
                case 429 -> "Too many attempts; wait a moment and try again.";
                case 503 -> "This node cannot take the request right now; try again later.";
                default -> status >= 500 ? "Something went wrong on this node." : "The request could not be handled.";
            };
        }
        return message;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
