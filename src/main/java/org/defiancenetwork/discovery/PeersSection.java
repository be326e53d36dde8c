package org.defiancenetwork.discovery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /admin: this node's federation identity, registries, and the nodes it knows, to follow or block. */
@ApplicationScoped
class PeersSection implements AdminSection {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(ThisNode self, List<PeerView> peers, List<Registries.Status> registries,
                java.util.Map<String, Long> rejected, boolean canFederate);
    }

    private final ThisNode self;
    private final Peers peers;
    private final Registries registries;
    private final DiscoveryMetrics metrics;

    PeersSection(ThisNode self, Peers peers, Registries registries, DiscoveryMetrics metrics) {
        this.self = self;
        this.peers = peers;
        this.registries = registries;
        this.metrics = metrics;
    }

    @Override
    public String id() {
        return "peers";
    }

    @Override
    public String title() {
        return "Network peers";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public TemplateInstance content() {
        return Templates.content(self, peers.all().stream().map(PeerView::of).toList(), registries.statuses(),
                metrics.rejectedCounts(), self.baseUrl().isPresent());
    }
}
