package org.defiancenetwork.live;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastEvent;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.Recordings;
import org.defiancenetwork.media.api.RenditionPlan;
import org.defiancenetwork.media.api.Transcoder;
import org.defiancenetwork.media.api.TranscoderProgress;
import org.defiancenetwork.media.api.TranscoderService;
import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The life of broadcasts on this node: go live from a WHIP offer, hand media to a transcoder, end
 * on request, on a lost broadcaster or on a failed transcoder, and leave a recording behind.
 */
@ApplicationScoped
public class BroadcastService {

    private static final Logger LOG = Logger.getLogger(BroadcastService.class);

    /** The answer to a WHIP offer, and where its session lives. */
    public record Started(String broadcastId, String sessionId, String answerSdp, boolean resumed) {
    }

    public static final class AlreadyLive extends Exception {
        AlreadyLive(String slug) {
            super("Channel " + slug + " is already live; stop that broadcast first.");
        }
    }

    public static final class AtCapacity extends Exception {
        AtCapacity(int max) {
            super("This node is already carrying its maximum of " + max + " live broadcasts; try again later.");
        }
    }

    private final LiveConfig config;
    private final WebRtcStack webrtc;
    private final TranscoderService transcoders;
    private final Recordings recordings;
    private final ViewerPresence presence;
    private final NodeIdentity node;
    private final Emitter<String> events;
    private final EventJson json;
    private final Ids ids;
    private final Channels channels;
    private final Event<BroadcastEvent> local;
    private final Map<String, OnAir> byBroadcast = new ConcurrentHashMap<>();
    private final Map<String, OnAir> bySession = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final ThreadPoolExecutor work;
    /** A transcoder whose output has not moved for this long is wedged (or starved by a dead pacer). */
    private final long stallNanos;
    private final long startupNanos;

    BroadcastService(LiveConfig config, WebRtcStack webrtc, TranscoderService transcoders, Recordings recordings,
            ViewerPresence presence, NodeIdentity node,
            @org.eclipse.microprofile.reactive.messaging.Channel(EventChannels.BROADCAST_EVENTS_OUT) Emitter<String> events,
            EventJson json, Ids ids, Channels channels, Event<BroadcastEvent> local,
            @ConfigProperty(name = "defiance.transcoder.segment-seconds", defaultValue = "2") int segmentSeconds) {
        this.local = local;
        this.channels = channels;
        this.ids = ids;
        this.config = config;
        this.webrtc = webrtc;
        this.transcoders = transcoders;
        this.recordings = recordings;
        this.presence = presence;
        this.node = node;
        this.events = events;
        this.json = json;
        // WebRTC's media threads run SCHED_FIFO where the kernel allows it, and Linux hands a
        // thread's policy to every thread and process it creates. Pools that grew on demand from a
        // frame callback would make FFmpeg a real-time process that starves the machine, so every
        // thread is started here, on an ordinary thread, and no pool ever grows later.
        this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "live-timers"));
        int workers = 2 * config.maxBroadcasts() + 2;
        this.work = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "live-work"));
        timers.prestartAllCoreThreads();
        work.prestartAllCoreThreads();
        // Three segments without output: players have run dry by then, and a healthy FFmpeg on a
        // busy node still reports progress several times per segment.
        this.stallNanos = TimeUnit.SECONDS.toNanos(3L * segmentSeconds);
        // Before its first picture out, FFmpeg on a busy node may take longer: it gets the time a
        // broadcast is given for its first picture in.
        this.startupNanos = Math.max(stallNanos, config.firstFrameTimeout().toNanos());
        timers.scheduleWithFixedDelay(this::watchTranscoders, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Answers a WHIP offer. A channel whose broadcaster dropped out less than the grace period ago
     * continues its broadcast with the new session; otherwise a new broadcast starts.
     */
    public Started goLive(ChannelView channel, String title, SdpOffer offer)
            throws AlreadyLive, AtCapacity, IngestSession.Refused {
        OnAir onAir;
        boolean resumed;
        // The channel is claimed under the lock before the (slow) answer is built, so two offers
        // racing for one channel cannot both be answered: the second sees the first answering.
        synchronized (this) {
            OnAir current = onAirForChannel(channel.id());
            if (current != null && (current.answering || current.ingestConnected())) {
                throw new AlreadyLive(channel.slug());
            }
            if (current != null) {
                onAir = current;
                resumed = true;
            } else {
                if (byBroadcast.size() >= config.maxBroadcasts()) {
                    throw new AtCapacity(config.maxBroadcasts());
                }
                onAir = new OnAir(ids.broadcast(), channel.id(), channel.slug(), this);
                resumed = false;
                onAir.title = title;
                createRecord(onAir, title);
                byBroadcast.put(onAir.broadcastId, onAir);
                onAir.firstFrameTimer = timers.schedule(() -> noPictureArrived(onAir),
                        config.firstFrameTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            onAir.answering = true;
        }
        // A reconnecting broadcaster must deliver pictures at the size the transcoder already reads.
        IngestSession session = new IngestSession(ids.session(), onAir, transcoders.maxHeight(), pacedWidth(onAir),
                pacedHeight(onAir));
        String answer;
        try {
            answer = session.answer(webrtc.factory(), offer.sdp(), List.of(), config.answerTimeout().toMillis());
        } catch (IngestSession.Refused | RuntimeException e) {
            boolean graceRanOut;
            synchronized (this) {
                onAir.answering = false;
                // The grace timer gave way to this reconnect; now that it failed, the grace is over.
                ScheduledFuture<?> grace = onAir.graceTimer;
                graceRanOut = resumed && grace != null && grace.isDone();
            }
            if (graceRanOut) {
                graceExpired(onAir, onAir.session);
            }
            if (!resumed) {
                end(onAir, BroadcastState.FAILED, "the offer was refused: " + e.getMessage());
            }
            throw e;
        }
        IngestSession previous;
        synchronized (this) {
            onAir.answering = false;
            if (onAir.ending.get()) {
                work.execute(session::close);
                throw new IngestSession.Refused("the broadcast ended while its offer was being answered");
            }
            previous = onAir.session;
            if (previous != null) {
                onAir.earlierFrames += previous.framesReceived();
                onAir.earlierAudioSamples += previous.audioSamplesReceived();
                bySession.remove(previous.id());
            }
            onAir.session = session;
            bySession.put(session.id(), onAir);
            // The lost session's grace is over: the new one has its connect timeout, and its own
            // grace if it is lost in turn.
            cancel(onAir.graceTimer);
            onAir.graceTimer = null;
        }
        if (previous != null) {
            work.execute(previous::close);
            LOG.infof("broadcast %s continues with a new session after its broadcaster reconnected", onAir.broadcastId);
        }
        timers.schedule(() -> connectTimedOut(onAir, session, resumed), config.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        return new Started(onAir.broadcastId, session.id(), answer, resumed);
    }

    /**
     * WHIP DELETE: the broadcaster stopped. Returns once ingest is closed, so the client may go;
     * stopping the transcoder, joining its pacer and grabbing the poster take up to a minute and
     * happen in the background. False when there is no such session.
     */
    public boolean stop(String sessionId) {
        OnAir onAir = bySession.get(sessionId);
        if (onAir == null) {
            return false;
        }
        if (onAir.ending.compareAndSet(false, true)) {
            closeIngest(onAir);
            work.execute(() -> finish(onAir, BroadcastState.ENDED, null));
        }
        return true;
    }

    /** Trickle ICE for a session. False when there is no such session. */
    public boolean addCandidates(String sessionId, List<TrickleCandidate> candidates) throws IngestSession.Refused {
        OnAir onAir = bySession.get(sessionId);
        IngestSession session = onAir == null ? null : onAir.session;
        if (session == null || !session.id().equals(sessionId)) {
            return false;
        }
        for (TrickleCandidate c : candidates) {
            session.addCandidate(c.mid(), c.mLineIndex(), c.candidate());
        }
        return true;
    }

    public boolean hasSession(String sessionId) {
        return bySession.containsKey(sessionId);
    }

    /** The channel a session belongs to, so a session URL cannot be used under another channel. */
    public Optional<String> channelOfSession(String sessionId) {
        return Optional.ofNullable(bySession.get(sessionId)).map(o -> o.channelSlug);
    }

    /** The node that carries a broadcast; empty for an unknown one. */
    public Optional<String> originNode(String broadcastId) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
            Broadcast b = Broadcast.findById(broadcastId);
            return b == null ? null : b.originNode;
        }));
    }

    /** Live on this node or, in a cluster, on another one. */
    public boolean isLiveAnywhere(String broadcastId) {
        return isLive(broadcastId) || QuarkusTransaction.requiringNew().call(() -> {
            Broadcast b = Broadcast.findById(broadcastId);
            return b != null && b.state == BroadcastState.LIVE;
        });
    }

    public boolean isLive(String broadcastId) {
        OnAir onAir = byBroadcast.get(broadcastId);
        return onAir != null && !onAir.ending.get();
    }

    public int liveCount() {
        return byBroadcast.size();
    }

    /** Everything known about a broadcast, live or past; empty for an unknown id. */
    public Optional<BroadcastStatus> status(String broadcastId) {
        Broadcast record = QuarkusTransaction.requiringNew().call(() -> {
            Broadcast b = Broadcast.findById(broadcastId);
            return b;
        });
        if (record == null) {
            return Optional.empty();
        }
        OnAir onAir = byBroadcast.get(broadcastId);
        int viewers = presence.count(broadcastId);
        if (onAir != null) {
            onAir.peakViewers.accumulateAndGet(viewers, Math::max);
        }
        String base = MediaLayout.url(broadcastId, "");
        String recordingBase = record.originUrl != null && !node.id().equals(record.originNode)
                ? record.originUrl + base : base;
        // Players are pointed at the master playlist only once FFmpeg has written it; a broadcast
        // carried by another node of the cluster is played from that node's media.
        boolean remote = onAir == null && record.state == BroadcastState.LIVE && !node.id().equals(record.originNode);
        boolean live = remote || (onAir != null && onAir.state == BroadcastState.LIVE && onAir.transcoder != null
                && Files.exists(onAir.transcoder.outputDir().resolve(MediaLayout.MASTER_PLAYLIST)));
        if (remote && record.originUrl != null) {
            base = record.originUrl + base;
        }
        BroadcastStatus.Ingest ingest = null;
        BroadcastStatus.TranscoderHealth health = null;
        if (onAir != null) {
            IngestSession s = onAir.session;
            Transcoder t = onAir.transcoder;
            ingest = new BroadcastStatus.Ingest(s == null ? "none" : s.state().name(), onAir.framesReceived(),
                    onAir.framesDropped(), onAir.audioSamplesReceived(), t == null ? 0 : t.pacer().width(),
                    t == null ? 0 : t.pacer().height(), s == null ? 0 : s.sourceWidth(), s == null ? 0 : s.sourceHeight());
            TranscoderProgress p = t == null ? TranscoderProgress.NONE : t.progress();
            health = new BroadcastStatus.TranscoderHealth(t != null && t.isRunning(), p.fps(), p.speed(), p.frames(),
                    onAir.ladder.stream().map(r -> r.name() + " " + r.width() + "x" + r.height()).collect(Collectors.joining(", ")));
        }
        BroadcastState state = onAir != null ? onAir.state : record.state;
        Optional<ChannelView> channel = channels.byId(record.channelId);
        return Optional.of(new BroadcastStatus(record.id, record.title, channel.map(ChannelView::slug).orElse(null), channel.map(ChannelView::title).orElse(null), state,
                onAir != null ? onAir.startedAt : record.startedAt, record.endedAt, record.durationMs, record.failureReason,
                viewers, onAir != null ? onAir.peakViewers.get() : record.peakViewers,
                live ? base + MediaLayout.MASTER_PLAYLIST : null,
                record.recording != null ? recordingBase + record.recording : null,
                record.recording != null ? recordingBase + MediaLayout.POSTER : null,
                ingest, health));
    }

    // --- called from OnAir (WebRTC threads): hand over and return ---

    void startTranscoder(OnAir onAir, int width, int height) {
        work.execute(() -> {
            // finish() takes the same lock before it looks for a transcoder to stop, so a stop
            // racing the first frame either prevents the start or finds the started transcoder.
            onAir.lifecycle.lock();
            try {
                if (onAir.ending.get()) {
                    return;
                }
                List<RenditionPlan> ladder = transcoders.ladderFor(width, height);
                onAir.ladder = ladder;
                onAir.transcoder = transcoders.start(onAir.broadcastId, width, height, this::transcoderExited);
                cancel(onAir.firstFrameTimer);
                onAir.startedAt = Instant.now();
                onAir.state = BroadcastState.LIVE;
                onAir.lastProgressAt = System.nanoTime();
                String renditions = ladder.stream().map(RenditionPlan::name).collect(Collectors.joining(","));
                int updated = QuarkusTransaction.requiringNew().call(() -> Broadcast.update(
                        "state = ?1, startedAt = ?2, renditions = ?3 where id = ?4 and state = ?5", BroadcastState.LIVE,
                        onAir.startedAt, renditions, onAir.broadcastId, BroadcastState.STARTING));
                if (updated != 1) {
                    LOG.warnf("broadcast %s was no longer starting when its transcoder started", onAir.broadcastId);
                    end(onAir, BroadcastState.FAILED, "the broadcast record was no longer starting");
                    return;
                }
                LOG.infof("broadcast %s on %s is live at %dx%d", onAir.broadcastId, onAir.channelSlug, width, height);
                publish(BroadcastEvent.Kind.STARTED, onAir);
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "could not start the transcoder for %s", onAir.broadcastId);
                end(onAir, BroadcastState.FAILED, "the transcoder could not start: " + e.getMessage());
            } finally {
                onAir.lifecycle.unlock();
            }
        });
    }

    void ingestStateChanged(OnAir onAir, RTCPeerConnectionState state) {
        switch (state) {
            case CONNECTED -> {
                if (onAir.ingestConnected()) {
                    cancel(onAir.graceTimer);
                    onAir.graceTimer = null;
                }
            }
            case DISCONNECTED, FAILED, CLOSED -> {
                IngestSession lost = onAir.session;
                if (onAir.graceTimer == null && !onAir.ending.get()) {
                    LOG.infof("broadcast %s lost its broadcaster (%s); waiting %s for a reconnect", onAir.broadcastId,
                            state, config.disconnectGrace());
                    onAir.graceTimer = timers.schedule(() -> graceExpired(onAir, lost),
                            config.disconnectGrace().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The grace period after {@code lost} dropped out is over. A reconnect that claimed the channel
     * (under the lock goLive claims it with) or already replaced the session keeps the broadcast;
     * deciding under that lock means a reconnect answered at the last moment is never ended under
     * the broadcaster.
     */
    void graceExpired(OnAir onAir, IngestSession lost) {
        synchronized (this) {
            if (onAir.answering || onAir.session != lost || lost.isConnected()) {
                return;
            }
            onAir.graceTimer = null;
            if (!onAir.ending.compareAndSet(false, true)) {
                return;
            }
        }
        LOG.infof("broadcast %s: its broadcaster did not come back within %s", onAir.broadcastId, config.disconnectGrace());
        work.execute(() -> finish(onAir, BroadcastState.ENDED, null));
    }

    private void transcoderExited(Transcoder transcoder, int exitCode, boolean requested) {
        byBroadcast.values().stream().filter(o -> o.transcoder == transcoder).findFirst().ifPresent(onAir -> {
            if (!requested) {
                end(onAir, BroadcastState.FAILED, "the transcoder stopped unexpectedly (exit " + exitCode + ")");
            }
        });
    }

    /**
     * A dead pacer thread or a stopped FFmpeg does not exit, so the exit listener never hears of
     * it; without this the broadcast would stay LIVE with a frozen playlist.
     */
    private void watchTranscoders() {
        try {
            long now = System.nanoTime();
            for (OnAir onAir : byBroadcast.values()) {
                Transcoder t = onAir.transcoder;
                if (t == null || onAir.ending.get()) {
                    continue;
                }
                TranscoderProgress p = t.progress();
                long progress = p.frames() + p.outTimeMs();
                if (progress != onAir.lastProgress) {
                    onAir.lastProgress = progress;
                    onAir.lastProgressAt = now;
                } else if (now - onAir.lastProgressAt > (p.frames() == 0 ? startupNanos : stallNanos)) {
                    long seconds = TimeUnit.NANOSECONDS.toSeconds(now - onAir.lastProgressAt);
                    LOG.errorf("broadcast %s: transcoder (FFmpeg pid %d) made no progress for %d s", onAir.broadcastId,
                            t.pid(), seconds);
                    if (onAir.ending.compareAndSet(false, true)) {
                        // A stopped FFmpeg never drains its input: a graceful stop would wait on
                        // the pacer's blocked write (Process.destroy closes stdin under the same
                        // lock), so it is killed first; finished segments stay in the recording.
                        ProcessHandle.of(t.pid()).ifPresent(ProcessHandle::destroyForcibly);
                        String reason = "the transcoder stalled: no progress for " + seconds + " s";
                        work.execute(() -> finish(onAir, BroadcastState.FAILED, reason));
                    }
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; the watchdog must outlive one bad look.
            LOG.errorf(e, "transcoder watchdog");
        }
    }

    /** An answered offer whose client never connected holds a slot for nothing; the broadcast ends. */
    private void connectTimedOut(OnAir onAir, IngestSession session, boolean resumed) {
        if (onAir.session != session || session.everConnected()) {
            return;
        }
        String reason = "the broadcaster did not connect within " + config.connectTimeout().toSeconds() + " s";
        end(onAir, resumed ? BroadcastState.ENDED : BroadcastState.FAILED, reason);
    }

    private void noPictureArrived(OnAir onAir) {
        if (onAir.transcoder == null) {
            end(onAir, BroadcastState.FAILED, "no video arrived within " + config.firstFrameTimeout().toSeconds() + " s");
        }
    }

    // --- ending ---

    private void end(OnAir onAir, BroadcastState outcome, String reason) {
        if (onAir.ending.compareAndSet(false, true)) {
            work.execute(() -> finish(onAir, outcome, reason));
        }
    }

    private void endAndWait(OnAir onAir, BroadcastState outcome, String reason) {
        if (onAir.ending.compareAndSet(false, true)) {
            finish(onAir, outcome, reason);
        }
    }

    /** Closes the broadcaster's peer connection: no more media, and its session URL is gone. */
    private void closeIngest(OnAir onAir) {
        cancel(onAir.graceTimer);
        cancel(onAir.firstFrameTimer);
        IngestSession session;
        // goLive installs a session under this lock after checking that the broadcast is not
        // ending, so here either that session is seen or goLive saw the ending and closed it.
        synchronized (this) {
            session = onAir.session;
            if (session != null) {
                bySession.remove(session.id());
            }
        }
        if (session != null) {
            session.close();
        }
    }

    /** Stops ingest and transcoder, turns the segments into a recording, and writes the outcome. */
    private void finish(OnAir onAir, BroadcastState outcome, String reason) {
        onAir.lifecycle.lock();
        try {
            closeIngest(onAir);
            Transcoder transcoder = onAir.transcoder;
            if (transcoder != null) {
                transcoder.stop();
            }
            List<String> renditions = onAir.ladder.stream().map(RenditionPlan::name).toList();
            Optional<Recordings.Recording> recording = recordings.finish(onAir.broadcastId, renditions);
            int peak = Math.max(onAir.peakViewers.get(), presence.count(onAir.broadcastId));
            long frames = onAir.framesReceived();
            long dropped = onAir.framesDropped();
            // Only a broadcast this node still carries is closed: a row some other path already
            // closed keeps its outcome.
            int updated = QuarkusTransaction.requiringNew().call(() -> Broadcast.update(
                    "state = ?1, endedAt = ?2, failureReason = ?3, framesReceived = ?4, framesDropped = ?5,"
                            + " peakViewers = ?6, recording = ?7, durationMs = ?8 where id = ?9 and state in ?10",
                    outcome, Instant.now(), reason, frames, dropped, peak,
                    recording.map(Recordings.Recording::playlist).orElse(null),
                    recording.map(Recordings.Recording::durationMs).orElse(null), onAir.broadcastId,
                    List.of(BroadcastState.STARTING, BroadcastState.LIVE)));
            if (updated != 1) {
                LOG.warnf("broadcast %s was already closed when it finished here", onAir.broadcastId);
            }
            LOG.infof("broadcast %s %s%s; recording %s", onAir.broadcastId, outcome.name().toLowerCase(),
                    reason == null ? "" : " (" + reason + ")",
                    recording.map(r -> r.durationMs() / 1000 + " s").orElse("none"));
            publish(outcome == BroadcastState.FAILED ? BroadcastEvent.Kind.FAILED : BroadcastEvent.Kind.ENDED, onAir);
        } catch (RuntimeException e) {
            LOG.errorf(e, "ending broadcast %s did not complete; the next start of the node finishes it", onAir.broadcastId);
        } finally {
            IngestSession session = onAir.session;
            if (session != null) {
                bySession.remove(session.id());
            }
            byBroadcast.remove(onAir.broadcastId);
            presence.forget(onAir.broadcastId);
            onAir.lifecycle.unlock();
        }
    }

    /**
     * A node that died while live left rows saying LIVE and playlists without an end: close them,
     * keep whatever was recorded, and say what happened.
     */
    void recoverInterruptedBroadcasts(@Observes StartupEvent started) {
        // In a cluster other nodes' broadcasts are in the same table: only ours are ours to close.
        List<Broadcast> interrupted = QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>list(
                "state in ?1 and (originNode is null or originNode = ?2)",
                List.of(BroadcastState.STARTING, BroadcastState.LIVE), node.id()));
        for (Broadcast b : interrupted) {
            List<String> renditions = b.renditions.isBlank() ? List.of() : Arrays.asList(b.renditions.split(","));
            Optional<Recordings.Recording> recording = recordings.finish(b.id, renditions);
            QuarkusTransaction.requiringNew().run(() -> {
                Broadcast row = Broadcast.findById(b.id);
                row.state = BroadcastState.FAILED;
                row.endedAt = Instant.now();
                row.failureReason = "the node stopped during the broadcast";
                recording.ifPresent(r -> {
                    row.recording = r.playlist();
                    row.durationMs = r.durationMs();
                });
            });
            LOG.warnf("broadcast %s was interrupted by a node stop; recording %s", b.id,
                    recording.map(r -> r.durationMs() / 1000 + " s kept").orElse("empty"));
        }
    }

    /**
     * On shutdown every broadcast ends cleanly, so no FFmpeg outlives the node and recordings are
     * whole. Runs on the shutdown event, while the database is still there.
     */
    void endAll(@Observes ShutdownEvent shutdown) {
        List<OnAir> all = new ArrayList<>(byBroadcast.values());
        List<Thread> enders = new ArrayList<>();
        for (OnAir onAir : all) {
            Thread t = new Thread(() -> endAndWait(onAir, BroadcastState.ENDED, "the node shut down"), "end-" + onAir.broadcastId);
            t.start();
            enders.add(t);
        }
        for (Thread t : enders) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.shutdownNow();
        work.shutdown();
        // Broadcasts stopped by WHIP DELETE just before may still be finishing in the background.
        try {
            if (!work.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("some broadcasts were still finishing when the node stopped; the next start closes them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(BroadcastEvent.Kind kind, OnAir onAir) {
        BroadcastEvent event = new BroadcastEvent(kind, onAir.broadcastId, onAir.channelSlug, onAir.title, node.id(),
                Instant.now());
        // Features of this node that act on its own broadcasts (announcing them to other nodes,
        // filing a recording) observe the CDI event; pages on every node of a cluster hear the message.
        local.fireAsync(event);
        try {
            events.send(json.write(event));
        } catch (RuntimeException e) {
            LOG.warnf("could not announce %s of %s: %s", kind, onAir.broadcastId, e.getMessage());
        }
    }

    private void createRecord(OnAir onAir, String title) {
        QuarkusTransaction.requiringNew().run(() -> {
            Broadcast b = new Broadcast();
            b.id = onAir.broadcastId;
            b.originNode = node.id();
            b.originUrl = node.publicBaseUrl().orElse(null);
            b.channelId = onAir.channelId;
            b.title = title;
            b.state = BroadcastState.STARTING;
            b.createdAt = onAir.createdAt;
            b.persist();
        });
    }

    /** The broadcast while this node carries it; null once it has finished. */
    OnAir onAir(String broadcastId) {
        return byBroadcast.get(broadcastId);
    }

    private OnAir onAirForChannel(long channelId) {
        return byBroadcast.values().stream().filter(o -> o.channelId == channelId && !o.ending.get()).findFirst().orElse(null);
    }

    private static int pacedWidth(OnAir onAir) {
        Transcoder t = onAir.transcoder;
        return t == null ? 0 : t.pacer().width();
    }

    private static int pacedHeight(OnAir onAir) {
        Transcoder t = onAir.transcoder;
        return t == null ? 0 : t.pacer().height();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Our own threads run application code (CDI beans, transactions), so they get its class loader. */
    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(BroadcastService.class.getClassLoader());
        return t;
    }
}
