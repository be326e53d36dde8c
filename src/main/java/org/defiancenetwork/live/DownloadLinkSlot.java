package org.defiancenetwork.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.media.api.RecordingDownloads;
import org.defiancenetwork.platform.web.PageSlot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** A Download link under the player of a recording: the whole recording as one MP4. */
@ApplicationScoped
public class DownloadLinkSlot implements PageSlot {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance link(String href, String fileName);
    }

    @Override
    public String slot() {
        return WATCH_ACTIONS;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String html(Object subject) {
        if (!(subject instanceof BroadcastStatus status) || status.recordingUrl() == null || !status.state().isOver()) {
            return "";
        }
        return Templates.link(RecordingDownloads.urlBeside(status.recordingUrl()), status.id() + ".mp4").render();
    }
}
