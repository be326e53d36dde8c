package org.defiancenetwork.platform.web;

import java.util.Arrays;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request without a body and without a Content-Type matches any method in JAX-RS, so a bare POST
 * would run an action meant for a form. A method that declares what it consumes gets exactly that,
 * or 415 with the type it wants.
 */
public class RequireContentType {

    @ServerRequestFilter
    public void require(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getMediaType() != null || request.getMethod().equals("GET") || request.getMethod().equals("HEAD")
                || request.getMethod().equals("OPTIONS") || resource.getResourceMethod() == null) {
            return;
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null && resource.getResourceClass() != null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes != null && Arrays.stream(consumes.value()).noneMatch(t -> t.startsWith("*/*"))) {
            throw new NotSupportedException("Send this as " + String.join(" or ", consumes.value()) + ".");
        }
    }
}
