package org.defiancenetwork.channel.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.defiancenetwork.platform.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at a page; templates reach it as {inject:viewer}. */
@RequestScoped
@Named("viewer")
public class SignedIn {

    @Inject
    SecurityIdentity identity;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getName() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }
}
