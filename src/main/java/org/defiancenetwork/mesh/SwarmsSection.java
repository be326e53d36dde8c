package org.defiancenetwork.mesh;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /admin: the swarms this node runs and how much their viewers share. */
@ApplicationScoped
class SwarmsSection implements AdminSection {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(List<MeshAccounting.SwarmView> swarms);
    }

    private final MeshAccounting accounting;

    SwarmsSection(MeshAccounting accounting) {
        this.accounting = accounting;
    }

    @Override
    public String id() {
        return "swarms";
    }

    @Override
    public String title() {
        return "Swarms";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public TemplateInstance content() {
        return Templates.content(accounting.views());
    }
}
