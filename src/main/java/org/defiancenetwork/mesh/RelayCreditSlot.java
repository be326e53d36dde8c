package org.defiancenetwork.mesh;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.channel.api.SignedIn;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.mesh.api.RelayCredit;
import org.defiancenetwork.mesh.api.RelayLedger;
import org.defiancenetwork.platform.web.PageSlot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Watch page: a signed-in viewer sees what it relayed to others; the mesh socket keeps it current. */
@ApplicationScoped
class RelayCreditSlot implements PageSlot {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance panel(RelayCredit credit);
    }

    private final RelayLedger ledger;
    private final SignedIn viewer;

    RelayCreditSlot(RelayLedger ledger, SignedIn viewer) {
        this.ledger = ledger;
        this.viewer = viewer;
    }

    @Override
    public String slot() {
        return WATCH_PANELS;
    }

    @Override
    public String html(Object subject) {
        if (!(subject instanceof BroadcastStatus broadcast) || !viewer.isSignedIn()) {
            return "";
        }
        RelayCredit credit = ledger.of(broadcast.id(), viewer.getName())
                .orElse(new RelayCredit(broadcast.id(), viewer.getName(), 0, 0, 0));
        return Templates.panel(credit).render();
    }
}
