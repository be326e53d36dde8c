package org.defiancenetwork.audigy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;

import org.defiancenetwork.platform.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking, for the audio feature's changes: admins and creators (broadcasters) import and
 * subscribe; anyone may listen. Answers 401/403 itself rather than redirecting to the sign-in
 * page, so API clients get a problem document.
 */
@RequestScoped
class Listener {

    @Inject
    SecurityIdentity identity;

    Catalogues.Actor creator() {
        if (identity.isAnonymous()) {
            throw new NotAuthorizedException("Sign in to import or subscribe to audio collections.", "FormAuth");
        }
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.BROADCASTER)) {
            throw new ForbiddenException("Only admins and creators may import or subscribe to audio collections.");
        }
        return new Catalogues.Actor(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
    }

    boolean isCreator() {
        return !identity.isAnonymous() && (identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.BROADCASTER));
    }
}
