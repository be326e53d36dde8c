package org.defiancenetwork.cast;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.defiancenetwork.cast.api.CastableAudio;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.Broadcasts;
import org.defiancenetwork.media.api.RecordingDownloads;

/**
 * Turns "this broadcast / recording / audio entry on that device" into what the device is told to
 * play. Cast receivers take HLS, live or not; most DLNA renderers take only files, so they get a
 * recording as MP4 and are refused live streams unless they list HLS among their formats.
 */
@ApplicationScoped
public class WhatToPlay {

    /** The request cannot be played on that device, in words for the person asking. */
    public static final class Unplayable extends Exception {
        private final boolean conflict;

        Unplayable(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        /** True when it may work later (a broadcast not live yet); false when it never will. */
        public boolean conflict() {
            return conflict;
        }
    }

    static final String HLS = "application/x-mpegurl";

    private final Broadcasts broadcasts;
    private final Instance<CastableAudio> audio;

    WhatToPlay(Broadcasts broadcasts, Instance<CastableAudio> audio) {
        this.broadcasts = broadcasts;
        this.audio = audio;
    }

    CastMedia broadcast(String id, CastDevice device) throws Unplayable {
        BroadcastStatus status = broadcasts.status(id)
                .orElseThrow(() -> new Unplayable("there is no broadcast " + id, false));
        if (status.state() != BroadcastState.LIVE || status.playlistUrl() == null) {
            throw new Unplayable("broadcast " + id + " is not live (" + status.state().name().toLowerCase()
                    + ")" + (status.recordingUrl() != null ? "; cast its recording instead" : ""), true);
        }
        if (device.protocol() == Protocol.DLNA && !device.playsLive()) {
            throw new Unplayable(device.name() + " cannot play live streams (it does not list HLS among its formats); "
                    + "cast the recording once the broadcast ends", false);
        }
        return new CastMedia(CastMedia.BROADCAST, id, status.title(), status.channelTitle(), status.playlistUrl(), HLS, true,
                status.posterUrl(), null);
    }

    CastMedia recording(String id, CastDevice device) throws Unplayable {
        BroadcastStatus status = broadcasts.status(id)
                .orElseThrow(() -> new Unplayable("there is no recording " + id, false));
        if (status.recordingUrl() == null || !status.state().isOver()) {
            throw new Unplayable("broadcast " + id + " has no recording" + (status.state().isOver() ? "" : " yet; it is still "
                    + status.state().name().toLowerCase()), !status.state().isOver());
        }
        Double duration = status.durationMs() == null ? null : status.durationMs() / 1000.0;
        if (device.protocol() == Protocol.DLNA) {
            return new CastMedia(CastMedia.RECORDING, id, status.title(), status.channelTitle(),
                    RecordingDownloads.urlBeside(status.recordingUrl()), RecordingDownloads.CONTENT_TYPE, false,
                    status.posterUrl(), duration);
        }
        return new CastMedia(CastMedia.RECORDING, id, status.title(), status.channelTitle(), status.recordingUrl(), HLS, false,
                status.posterUrl(), duration);
    }

    /** Asks every catalogue on the node (normally the one audio feature) for the entry. */
    CastMedia audioEntry(String id) throws Unplayable {
        if (audio.isUnsatisfied()) {
            throw new Unplayable("this node has no audio catalogue to cast from", false);
        }
        for (CastableAudio catalogue : audio) {
            Optional<CastableAudio.Entry> found = catalogue.entry(id);
            if (found.isPresent()) {
                CastableAudio.Entry entry = found.get();
                return new CastMedia(CastMedia.AUDIO, id, entry.title(), entry.subtitle(), entry.url(), entry.contentType(),
                        false, entry.imageUrl(), entry.durationSeconds());
            }
        }
        throw new Unplayable("there is no audio entry " + id, false);
    }
}
