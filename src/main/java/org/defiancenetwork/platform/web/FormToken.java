package org.defiancenetwork.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The CSRF token for forms on shared parts of pages ({inject:formToken.value}), such as the shell's
 * sign-out button. Unlike {inject:csrf.token} it never fails: an error page rendered for a request
 * the CSRF filter did not handle (a JSON call, a refused one) still renders, just without the token.
 */
@RequestScoped
@Named("formToken")
public class FormToken {

    /** Where quarkus-rest-csrf leaves the token of the current request. */
    private static final String ROUTING_KEY = "csrf_token";

    @Inject
    RoutingContext routing;

    public String getValue() {
        Object current = routing.get(ROUTING_KEY);
        if (current instanceof String token) {
            return token;
        }
        Cookie cookie = routing.request().getCookie(CrossSiteRequests.TOKEN_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
