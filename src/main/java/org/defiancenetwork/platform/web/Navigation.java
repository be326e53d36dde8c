package org.defiancenetwork.platform.web;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.defiancenetwork.platform.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The navigation of the page being rendered, composed from every feature's {@link NavItem}s ({inject:nav.items}). */
@RequestScoped
@Named("nav")
public class Navigation {

    @Inject
    Instance<NavItem> contributed;

    @Inject
    SecurityIdentity identity;

    public List<NavItem> getItems() {
        return contributed.stream()
                .filter(this::admits)
                .sorted(Comparator.comparingInt(NavItem::order).thenComparing(NavItem::key))
                .toList();
    }

    private boolean admits(NavItem item) {
        return switch (item.audience()) {
            case EVERYONE -> true;
            case SIGNED_IN -> !identity.isAnonymous();
            case ADMINS -> identity.hasRole(Roles.ADMIN);
        };
    }
}
