package org.defiancenetwork.audigy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.defiancenetwork.platform.web.NavItem;

@ApplicationScoped
class AudioNavigation {

    @Produces
    @Singleton
    NavItem audio() {
        return new NavItem("audio", "Audio", "/audio", 20, NavItem.Audience.EVERYONE);
    }
}
