package org.defiancenetwork.live;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.defiancenetwork.platform.web.NavItem;

/** Live's entries in the main navigation: what is on, and going live. */
@ApplicationScoped
class LiveNavigation {

    @Produces
    @Singleton
    NavItem live() {
        return new NavItem("live", "Live", "/", 10, NavItem.Audience.EVERYONE, List.of("live", "watch", "channel"));
    }

    @Produces
    @Singleton
    NavItem broadcast() {
        return new NavItem("broadcast", "Broadcast", "/broadcast", 30, NavItem.Audience.EVERYONE);
    }
}
