package org.defiancenetwork.operations;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The first section of /admin: version, uptime, storage, database, messaging, FFmpeg. */
@ApplicationScoped
class NodeStatusSection implements AdminSection {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(NodeStatus.Snapshot status);
    }

    private final NodeStatus node;

    NodeStatusSection(NodeStatus node) {
        this.node = node;
    }

    @Override
    public String id() {
        return "node";
    }

    @Override
    public String title() {
        return "Node status";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public TemplateInstance content() {
        return Templates.content(node.snapshot());
    }
}
