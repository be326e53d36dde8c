package org.defiancenetwork.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.api.RecordingDownloads;
import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.Threads;
import org.defiancenetwork.platform.pages.PageEvents;
import org.jboss.logging.Logger;

/**
 * The node's cast sessions. One session per device (a new cast replaces the one before, as on a
 * TV); finished sessions stay readable for a while so the remote can show how they ended. Every
 * change goes to pages following {@code cast:<session id>}.
 */
@ApplicationScoped
public class CastSessions {

    private static final Logger LOG = Logger.getLogger(CastSessions.class);
    /** How long an ended session can still be read. */
    private static final Duration KEEP_ENDED = Duration.ofMinutes(10);
    private static final int MAX_SESSIONS = 64;

    public static String topic(String sessionId) {
        return "cast:" + sessionId;
    }

    private final Map<String, CastSession> sessions = new ConcurrentHashMap<>();
    private final CastConfig config;
    private final DeviceProbe probe;
    private final ReachableUrls reachable;
    private final RecordingDownloads downloads;
    private final PageEvents pages;
    private final Ids ids;
    private ScheduledThreadPoolExecutor timers;

    CastSessions(CastConfig config, DeviceProbe probe, ReachableUrls reachable, RecordingDownloads downloads,
            PageEvents pages, Ids ids) {
        this.config = config;
        this.probe = probe;
        this.reachable = reachable;
        this.downloads = downloads;
        this.pages = pages;
        this.ids = ids;
    }

    @PostConstruct
    void init() {
        timers = Threads.scheduler("cast-sessions");
        timers.scheduleWithFixedDelay(this::forgetOld, 1, 1, TimeUnit.MINUTES);
    }

    /** Starts casting; the session reports its progress (and any refusal) through its state. */
    public CastSession start(CastDevice device, CastMedia media) {
        forgetOld();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many cast sessions on this node");
        }
        sessions.values().stream()
                .filter(s -> s.device().id().equals(device.id()) && !s.state().isOver())
                .forEach(CastSession::stop);
        String id = ids.base32(16);
        CastSession session = device.protocol() == Protocol.CHROMECAST
                ? new ChromecastSession(id, device, media, probe.vertx(), probe.castClient(), probe.json(),
                        config.answerTimeout(), reachable::forDevice)
                : new DlnaSession(id, device, media, probe.soap(), timers, config.pollInterval(),
                        startAllowance(), forRenderer(device));
        session.onChange(this::changed);
        sessions.put(id, session);
        LOG.infof("cast session %s: %s %s on %s (%s)", id, media.kind(), media.id(), device.name(), device.protocol().wire());
        session.begin();
        return session;
    }

    /** How long a renderer may take from Play to playing: fetching and probing a file takes a while. */
    private Duration startAllowance() {
        Duration allowance = config.answerTimeout().multipliedBy(4);
        return allowance.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : allowance;
    }

    /** A renderer fetches from the address this node has towards it; recordings are made into MP4 first. */
    private UnaryOperator<CastMedia> forRenderer(CastDevice device) {
        return media -> {
            if (CastMedia.RECORDING.equals(media.kind()) && media.url().startsWith("/")) {
                try {
                    downloads.prepare(media.id());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the recording could not be made into MP4: " + e.getMessage());
                }
            }
            return reachable.forDevice(media, ReachableUrls.localHostFor(device.host(), device.port()));
        };
    }

    public Optional<CastSession> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    public List<CastSession> list() {
        return sessions.values().stream().sorted(Comparator.comparing(s -> s.view().startedAt())).toList();
    }

    public List<CastSession> active() {
        return list().stream().filter(s -> !s.state().isOver()).toList();
    }

    /** Stops the session if it still runs and forgets it. */
    public boolean end(String id) {
        CastSession session = sessions.remove(id);
        if (session == null) {
            return false;
        }
        if (!session.state().isOver()) {
            session.stop();
        }
        return true;
    }

    private void changed(CastSession session) {
        pages.publish(topic(session.id()), new CastSessionEvent(session.view()));
    }

    private void forgetOld() {
        Instant horizon = Instant.now().minus(KEEP_ENDED);
        sessions.values().removeIf(s -> s.endedAt() != null && s.endedAt().isBefore(horizon));
    }

    @PreDestroy
    void stopAll() {
        sessions.values().stream().filter(s -> !s.state().isOver()).forEach(s -> {
            try {
                s.stop();
            } catch (RuntimeException e) {
                LOG.debugf("stopping %s: %s", s.id(), e.getMessage());
            }
        });
        timers.shutdownNow();
    }
}
