package org.defiancenetwork.cast;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /admin: the devices the node sees and the casts running on them. */
@ApplicationScoped
public class CastAdminSection implements AdminSection {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(boolean enabled, String allowed, List<CastDevice> devices, List<SessionView> sessions);
    }

    private final CastConfig config;
    private final Devices devices;
    private final CastSessions sessions;

    CastAdminSection(CastConfig config, Devices devices, CastSessions sessions) {
        this.config = config;
        this.devices = devices;
        this.sessions = sessions;
    }

    @Override
    public String id() {
        return "cast";
    }

    @Override
    public String title() {
        return "Casting";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public TemplateInstance content() {
        return Templates.content(config.enabled(), config.allowed().name().toLowerCase(), devices.list(),
                sessions.active().stream().map(CastSession::view).toList());
    }
}
