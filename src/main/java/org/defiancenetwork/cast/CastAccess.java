package org.defiancenetwork.cast;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;

import org.defiancenetwork.platform.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** Who may see the node's devices and cast to them ({@code defiance.cast.allowed}), checked on every endpoint. */
@ApplicationScoped
public class CastAccess {

    private final CastConfig config;

    CastAccess(CastConfig config) {
        this.config = config;
    }

    public static boolean allows(CastConfig.Allowed allowed, SecurityIdentity who) {
        return switch (allowed) {
            case EVERYONE -> true;
            case ACCOUNTS -> !who.isAnonymous();
            case ADMINS -> !who.isAnonymous() && who.hasRole(Roles.ADMIN);
        };
    }

    public boolean allows(SecurityIdentity who) {
        return config.enabled() && allows(config.allowed(), who);
    }

    /** 401 for a stranger who could cast once signed in, 403 for someone who cannot. */
    public void check(SecurityIdentity who) {
        if (allows(config.allowed(), who)) {
            return;
        }
        String needs = config.allowed() == CastConfig.Allowed.ADMINS ? "the node's admins" : "signed-in accounts";
        if (who.isAnonymous()) {
            throw new NotAuthorizedException("Casting on this node is for " + needs + "; sign in first.",
                    "Session realm=\"defiance\"");
        }
        throw new ForbiddenException("Casting on this node is for " + needs + ".");
    }
}
