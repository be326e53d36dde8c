package org.defiancenetwork.live;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * WHIP clients may run on any origin (RFC 9725 §4.1 expects CORS), so WHIP answers, errors
 * included, carry the headers a browser needs to read them. Cookies are never allowed cross-origin,
 * so other sites can only use a stream key.
 */
public class WhipCors {

    @ServerResponseFilter
    public void allowAnyOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/api/whip/")) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Allow-Methods", "POST, PATCH, DELETE, OPTIONS");
        headers.putSingle("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
        headers.putSingle("Access-Control-Expose-Headers", "Location, ETag, Link, " + WhipResource.BROADCAST_HEADER);
        headers.putSingle("Access-Control-Max-Age", "600");
    }
}
