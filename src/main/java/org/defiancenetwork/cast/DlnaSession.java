package org.defiancenetwork.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.defiancenetwork.cast.dlna.DeviceDescription;
import org.defiancenetwork.cast.dlna.DidlLite;
import org.defiancenetwork.cast.dlna.SoapClient;
import org.defiancenetwork.cast.dlna.UpnpError;
import org.defiancenetwork.cast.dlna.UpnpTime;
import org.jboss.logging.Logger;

/**
 * A cast to a DLNA/UPnP MediaRenderer: SetAVTransportURI with DIDL-Lite, Play, then poll
 * GetTransportInfo and GetPositionInfo while it plays (renderers report events only to
 * subscribers with a callback server; polling needs none). Volume and mute go through
 * RenderingControl on the Master channel.
 */
final class DlnaSession extends CastSession {

    private static final Logger LOG = Logger.getLogger(DlnaSession.class);
    private static final String AVT = DeviceDescription.AV_TRANSPORT;
    private static final String RC = DeviceDescription.RENDERING_CONTROL;
    /** Polls that may fail in a row before the renderer counts as gone. */
    private static final int MISSES_ALLOWED = 3;

    private final SoapClient soap;
    private final ScheduledExecutorService timers;
    private final Duration pollInterval;
    private final Duration startTimeout;
    private final UnaryOperator<CastMedia> reachable;

    private volatile CastMedia playing;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile Instant playSent;
    private final Object pollLock = new Object();
    private int misses;
    private ScheduledFuture<?> polling;

    DlnaSession(String id, CastDevice device, CastMedia media, SoapClient soap, ScheduledExecutorService timers,
            Duration pollInterval, Duration startTimeout, UnaryOperator<CastMedia> reachable) {
        super(id, device, media);
        this.soap = soap;
        this.timers = timers;
        this.pollInterval = pollInterval;
        this.startTimeout = startTimeout;
        this.reachable = reachable;
    }

    @Override
    void begin() {
        timers.execute(this::load);
    }

    private void load() {
        try {
            playing = reachable.apply(media);
        } catch (IllegalStateException e) {
            end(SessionState.FAILED, e.getMessage());
            return;
        }
        reportState(SessionState.LOADING);
        CastMedia m = playing;
        try {
            String metadata = DidlLite.item(m.title(), m.subtitle(), m.url(), m.contentType(), m.durationSeconds(), m.imageUrl());
            transport("SetAVTransportURI", args("CurrentURI", m.url(), "CurrentURIMetaData", metadata));
            transport("Play", args("Speed", "1"));
            playSent = Instant.now();
            readVolume();
        } catch (UpnpError e) {
            end(SessionState.FAILED, device.name() + ": " + e.getMessage());
            return;
        }
        synchronized (this) {
            if (!state().isOver()) {
                polling = timers.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void readVolume() {
        if (device.renderingControl() == null) {
            return;
        }
        try {
            String volume = control("GetVolume", args("Channel", "Master")).get("CurrentVolume");
            String mute = control("GetMute", args("Channel", "Master")).get("CurrentMute");
            reportVolume(volume == null ? null : Integer.parseInt(volume.trim()) / 100.0,
                    mute == null ? null : "1".equals(mute.trim()) || "true".equalsIgnoreCase(mute.trim()));
        } catch (UpnpError | NumberFormatException e) {
            LOG.debugf("%s does not tell its volume: %s", device.name(), e.getMessage());
        }
    }

    /** Asks the renderer where it is; runs on the timer thread and after every control. */
    private void poll() {
        synchronized (pollLock) {
            pollOnce();
        }
    }

    private void pollOnce() {
        if (state().isOver()) {
            return;
        }
        try {
            Map<String, String> transport = transport("GetTransportInfo", args());
            Map<String, String> position = transport("GetPositionInfo", args());
            misses = 0;
            String now = transport.getOrDefault("CurrentTransportState", "");
            Double duration = UpnpTime.parse(position.get("TrackDuration"));
            Double rel = UpnpTime.parse(position.get("RelTime"));
            switch (now) {
                case "PLAYING" -> {
                    started = true;
                    reportPosition(rel, duration, 1);
                    reportState(SessionState.PLAYING);
                }
                case "PAUSED_PLAYBACK", "PAUSED_RECORDING" -> {
                    started = true;
                    reportPosition(rel, duration, 0);
                    reportState(SessionState.PAUSED);
                }
                case "TRANSITIONING" -> reportState(SessionState.BUFFERING);
                case "STOPPED", "NO_MEDIA_PRESENT" -> {
                    // A short file may be over between two polls: the position at the end says it played.
                    if (rel != null && duration != null && duration > 0 && rel >= duration - 1) {
                        started = true;
                        reportPosition(rel, duration, 0);
                    }
                    stopped();
                }
                default -> {
                }
            }
        } catch (UpnpError e) {
            if (++misses >= MISSES_ALLOWED) {
                end(SessionState.FAILED, device.name() + " stopped answering: " + e.getMessage());
                cancelPolling();
            }
        }
    }

    private void stopped() {
        if (stopping) {
            return;
        }
        if (started) {
            end(SessionState.ENDED, "finished playing on " + device.name());
            cancelPolling();
        } else if (playSent != null && Duration.between(playSent, Instant.now()).compareTo(startTimeout) > 0) {
            end(SessionState.FAILED, device.name() + " did not start playing " + playing.url());
            cancelPolling();
        }
    }

    @Override
    public void play() throws DeviceRefused, NotReady {
        act("play", () -> transport("Play", args("Speed", "1")));
    }

    @Override
    public void pause() throws DeviceRefused, NotReady {
        act("pause", () -> transport("Pause", args()));
    }

    @Override
    public void seek(double seconds) throws DeviceRefused, NotReady {
        act("seek", () -> transport("Seek", args("Unit", "REL_TIME", "Target", UpnpTime.format(seconds))));
    }

    @Override
    public void volume(double level) throws DeviceRefused, NotReady {
        requireRenderingControl("change the volume");
        act("change the volume", () -> {
            control("SetVolume", args("Channel", "Master", "DesiredVolume", Integer.toString((int) Math.round(level * 100))));
            reportVolume(level, null);
        });
    }

    @Override
    public void mute(boolean mute) throws DeviceRefused, NotReady {
        requireRenderingControl(mute ? "mute" : "unmute");
        act(mute ? "mute" : "unmute", () -> {
            control("SetMute", args("Channel", "Master", "DesiredMute", mute ? "1" : "0"));
            reportVolume(null, mute);
        });
    }

    private void requireRenderingControl(String control) throws DeviceRefused {
        if (device.renderingControl() == null) {
            throw new DeviceRefused(device.name() + " has no RenderingControl service to " + control);
        }
    }

    private interface Action {
        void run() throws UpnpError;
    }

    private void act(String control, Action action) throws DeviceRefused, NotReady {
        requireLoaded(control);
        try {
            action.run();
        } catch (UpnpError e) {
            throw new DeviceRefused(device.name() + ": " + e.getMessage());
        }
        poll();
    }

    @Override
    public void stop() {
        stopping = true;
        cancelPolling();
        if (!state().isOver()) {
            try {
                transport("Stop", args());
            } catch (UpnpError e) {
                LOG.debugf("stopping %s: %s", device.name(), e.getMessage());
            }
        }
        end(SessionState.ENDED, null);
    }

    private synchronized void cancelPolling() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    private Map<String, String> transport(String action, Map<String, String> arguments) throws UpnpError {
        return soap.invoke(device.avTransport(), AVT, action, arguments);
    }

    private Map<String, String> control(String action, Map<String, String> arguments) throws UpnpError {
        return soap.invoke(device.renderingControl(), RC, action, arguments);
    }

    /** InstanceID 0 first, as every AVTransport and RenderingControl action takes it. */
    private static Map<String, String> args(String... pairs) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("InstanceID", "0");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            arguments.put(pairs[i], pairs[i + 1]);
        }
        return arguments;
    }
}
