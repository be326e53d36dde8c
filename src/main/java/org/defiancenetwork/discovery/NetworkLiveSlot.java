package org.defiancenetwork.discovery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.PageSlot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The home page's "Live on the network": broadcasts other nodes announced, linking to their origin. */
@ApplicationScoped
class NetworkLiveSlot implements PageSlot {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance live(List<NetworkBroadcast> broadcasts);
    }

    private final Announcements announcements;

    NetworkLiveSlot(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public String slot() {
        return HOME_SECTIONS;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String html(Object subject) {
        return Templates.live(announcements.liveElsewhere().stream().map(NetworkBroadcast::of).toList()).render();
    }
}
