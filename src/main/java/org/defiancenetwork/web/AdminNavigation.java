package org.defiancenetwork.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.defiancenetwork.platform.web.NavItem;

@ApplicationScoped
class AdminNavigation {

    @Produces
    @Singleton
    NavItem admin() {
        return new NavItem("admin", "Admin", "/admin", 90, NavItem.Audience.ADMINS);
    }
}
