package org.defiancenetwork.live;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.media.api.RawFrame;
import org.defiancenetwork.media.api.RenditionPlan;
import org.defiancenetwork.media.api.Transcoder;

import dev.onvoid.webrtc.RTCPeerConnectionState;

/**
 * A broadcast while this node carries it: its current ingest session (a reconnect replaces it),
 * its transcoder, and the timers that end it. Media callbacks come from WebRTC threads and only
 * hand over; every decision is taken by {@link BroadcastService} on its own threads.
 */
final class OnAir implements IngestSession.Receiver {

    final String broadcastId;
    final long channelId;
    final String channelSlug;
    final Instant createdAt = Instant.now();
    volatile String title;
    private final BroadcastService service;
    private final AtomicBoolean transcoderRequested = new AtomicBoolean();
    final AtomicBoolean ending = new AtomicBoolean();
    final AtomicInteger peakViewers = new AtomicInteger();
    volatile IngestSession session;
    /** Held while the transcoder starts and while the broadcast finishes, so the two never interleave. */
    final ReentrantLock lifecycle = new ReentrantLock();
    /** The watchdog's last look at the transcoder: its progress figure and when it last moved (nanos). */
    long lastProgress = -1;
    volatile long lastProgressAt;
    /** True while an offer for this broadcast is being answered; a second offer meanwhile is refused. */
    volatile boolean answering;
    volatile Transcoder transcoder;
    volatile BroadcastState state = BroadcastState.STARTING;
    volatile Instant startedAt;
    volatile List<RenditionPlan> ladder = List.of();
    volatile ScheduledFuture<?> graceTimer;
    volatile ScheduledFuture<?> firstFrameTimer;
    /** Frames and samples of sessions this broadcast had before the current one. */
    volatile long earlierFrames;
    volatile long earlierAudioSamples;

    OnAir(String broadcastId, long channelId, String channelSlug, BroadcastService service) {
        this.broadcastId = broadcastId;
        this.channelId = channelId;
        this.channelSlug = channelSlug;
        this.service = service;
    }

    @Override
    public void video(IngestSession from, RawFrame frame) {
        if (from != session) {
            return;
        }
        Transcoder t = transcoder;
        if (t != null) {
            t.pacer().offerVideo(frame);
        } else if (transcoderRequested.compareAndSet(false, true)) {
            service.startTranscoder(this, frame.width(), frame.height());
        }
    }

    @Override
    public void audio(IngestSession from, byte[] pcm) {
        if (from != session) {
            return;
        }
        Transcoder t = transcoder;
        if (t != null) {
            t.pacer().offerAudio(pcm);
        }
    }

    @Override
    public void connectionChanged(IngestSession changed, RTCPeerConnectionState newState) {
        if (changed == session) {
            service.ingestStateChanged(this, newState);
        }
    }

    boolean ingestConnected() {
        IngestSession s = session;
        return s != null && s.isConnected();
    }

    long framesReceived() {
        IngestSession s = session;
        return earlierFrames + (s == null ? 0 : s.framesReceived());
    }

    long audioSamplesReceived() {
        IngestSession s = session;
        return earlierAudioSamples + (s == null ? 0 : s.audioSamplesReceived());
    }

    long framesDropped() {
        Transcoder t = transcoder;
        return t == null ? 0 : t.pacer().framesDropped();
    }
}
