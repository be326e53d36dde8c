package org.defiancenetwork.web;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.defiancenetwork.platform.Roles;
import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /admin: every feature's {@link AdminSection}, in order. Only the node's admins may see it. */
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
public class AdminPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(List<AdminSection> sections);
    }

    private final Instance<AdminSection> sections;

    AdminPage(Instance<AdminSection> sections) {
        this.sections = sections;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance admin() {
        return Templates.admin(sections.stream()
                .sorted(Comparator.comparingInt(AdminSection::order).thenComparing(AdminSection::id))
                .toList());
    }
}
