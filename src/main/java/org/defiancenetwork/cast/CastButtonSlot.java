package org.defiancenetwork.cast;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.platform.web.PageSlot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The Cast button under the watch page's player: the live broadcast while it is on, the recording
 * after. Shown only to those {@code defiance.cast.allowed} admits; web/cast/cast-button.js does the rest.
 */
@ApplicationScoped
public class CastButtonSlot implements PageSlot {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance button(String kind, String id, String title);
    }

    private final CastAccess access;
    private final SecurityIdentity identity;

    CastButtonSlot(CastAccess access, SecurityIdentity identity) {
        this.access = access;
        this.identity = identity;
    }

    @Override
    public String slot() {
        return WATCH_ACTIONS;
    }

    @Override
    public String html(Object subject) {
        if (!(subject instanceof BroadcastStatus status) || !access.allows(identity)) {
            return "";
        }
        if (status.state().isOver()) {
            return status.recordingUrl() == null ? "" : Templates.button(CastMedia.RECORDING, status.id(), status.title()).render();
        }
        return status.state() == BroadcastState.FAILED ? "" : Templates.button(CastMedia.BROADCAST, status.id(), status.title()).render();
    }
}
