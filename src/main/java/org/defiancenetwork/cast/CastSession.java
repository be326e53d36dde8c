package org.defiancenetwork.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One device playing one thing for the node. Subclasses speak the device's protocol and report
 * what the device says through the protected setters; every change reaches {@code changes} (the
 * page events) once. Controls answer when the device has accepted them, or throw
 * {@link DeviceRefused} with the device's reason.
 */
public abstract class CastSession {

    /** The device said no, or did not answer: a message fit for the person at the remote. */
    public static final class DeviceRefused extends Exception {
        public DeviceRefused(String message) {
            super(message);
        }
    }

    /** The session is not in a state where this control makes sense (not loaded yet, already over). */
    public static final class NotReady extends Exception {
        public NotReady(String message) {
            super(message);
        }
    }

    protected final String id;
    protected final CastDevice device;
    protected final CastMedia media;
    private final Instant startedAt = Instant.now();
    private Consumer<CastSession> changes = s -> { };

    private SessionState state = SessionState.CONNECTING;
    private Double position;
    private Instant positionAt;
    private double rate;
    private Double duration;
    private Double volume;
    private Boolean muted;
    private String error;
    private Instant endedAt;

    protected CastSession(String id, CastDevice device, CastMedia media) {
        this.id = id;
        this.device = device;
        this.media = media;
        this.duration = media.durationSeconds();
    }

    public String id() {
        return id;
    }

    public CastDevice device() {
        return device;
    }

    void onChange(Consumer<CastSession> listener) {
        this.changes = listener;
    }

    /** Connects, starts the player on the device and hands it the media; returns at once. */
    abstract void begin();

    public abstract void play() throws DeviceRefused, NotReady;

    public abstract void pause() throws DeviceRefused, NotReady;

    public abstract void seek(double seconds) throws DeviceRefused, NotReady;

    /** Volume of the device, 0..1. */
    public abstract void volume(double level) throws DeviceRefused, NotReady;

    public abstract void mute(boolean mute) throws DeviceRefused, NotReady;

    /** Stops playback and lets go of the device; the session ends. */
    public abstract void stop();

    public synchronized SessionState state() {
        return state;
    }

    public synchronized Instant endedAt() {
        return endedAt;
    }

    public synchronized SessionView view() {
        return new SessionView(id, device.id(), device.name(), device.protocol(), media.kind(), media.id(), media.title(),
                media.url(), media.live(), state, currentPosition(), duration, volume, muted, error, startedAt);
    }

    /** The device's last reported position, carried forward while it plays (Cast reports only changes). */
    private Double currentPosition() {
        if (position == null || positionAt == null || state != SessionState.PLAYING || rate == 0) {
            return position;
        }
        double elapsed = Duration.between(positionAt, Instant.now()).toMillis() / 1000.0;
        double now = position + elapsed * rate;
        return duration != null && !media.live() ? Math.min(now, duration) : now;
    }

    protected void reportState(SessionState next) {
        synchronized (this) {
            if (state.isOver() || state == next) {
                return;
            }
            if (next == SessionState.PLAYING && position != null) {
                positionAt = Instant.now();
            }
            state = next;
            if (next.isOver()) {
                endedAt = Instant.now();
            }
        }
        changes.accept(this);
    }

    /** A position the device reported now; {@code playbackRate} 0 unless it is moving. */
    protected void reportPosition(Double seconds, Double durationSeconds, double playbackRate) {
        boolean changed;
        synchronized (this) {
            changed = seconds != null && (position == null || Math.abs(seconds - position) >= 0.5)
                    || durationSeconds != null && !durationSeconds.equals(duration);
            if (seconds != null) {
                position = seconds;
                positionAt = Instant.now();
            }
            if (durationSeconds != null && durationSeconds > 0) {
                duration = durationSeconds;
            }
            rate = playbackRate;
        }
        if (changed) {
            changes.accept(this);
        }
    }

    protected void reportVolume(Double level, Boolean mute) {
        boolean changed;
        synchronized (this) {
            changed = level != null && !level.equals(volume) || mute != null && !mute.equals(muted);
            if (level != null) {
                volume = level;
            }
            if (mute != null) {
                muted = mute;
            }
        }
        if (changed) {
            changes.accept(this);
        }
    }

    /** Ends the session: FAILED with the reason, or ENDED with a note (null for a plain stop). */
    protected void end(SessionState how, String reason) {
        synchronized (this) {
            if (state.isOver()) {
                return;
            }
            error = reason;
            state = how;
            endedAt = Instant.now();
        }
        changes.accept(this);
    }

    protected void requireLoaded(String control) throws NotReady {
        SessionState s = state();
        if (s.isOver()) {
            throw new NotReady("the session has " + (s == SessionState.FAILED ? "failed" : "ended") + "; start a new one to " + control);
        }
        if (s == SessionState.CONNECTING || s == SessionState.LOADING) {
            throw new NotReady("the device has not loaded the media yet; try " + control + " again in a moment");
        }
    }
}
