package org.defiancenetwork.platform.web;

import io.quarkus.qute.TemplateInstance;

/**
 * A section of {@code /admin}. Each feature contributes what an operator needs to see of it
 * (swarms, devices, peers, catalogues) as a bean of this type, rendered from the feature's own
 * template; the admin page shows every section by {@code order}.
 */
public interface AdminSection {

    /** A short stable name, used as the section's element id ({@code admin-<id>}). */
    String id();

    String title();

    default int order() {
        return 100;
    }

    /** The section's body, rendered for the admin who is looking. */
    TemplateInstance content();
}
