package org.defiancenetwork.cast;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.defiancenetwork.cast.castv2.CastConnection;
import org.defiancenetwork.cast.castv2.CastMessage;
import org.defiancenetwork.cast.castv2.DeviceMessage;
import org.defiancenetwork.cast.castv2.Namespaces;
import org.defiancenetwork.cast.castv2.SenderMessages;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * A cast to a Chromecast (or any Cast v2 receiver): connect, LAUNCH the Default Media Receiver,
 * LOAD the node's URL, then follow MEDIA_STATUS. The connection is kept alive with PING every
 * few seconds; a connection that drops is re-established once, and the running receiver app is
 * picked up again. Everything arrives on the connection's Vert.x event loop.
 */
final class ChromecastSession extends CastSession {

    private static final Logger LOG = Logger.getLogger(ChromecastSession.class);
    private static final long HEARTBEAT_MS = 5000;
    /** Cast senders give up on a device that has been silent for three heartbeats. */
    private static final long SILENCE_MS = 3 * HEARTBEAT_MS;

    private final Vertx vertx;
    private final NetClient client;
    private final ObjectMapper json;
    private final Duration answerTimeout;
    private final BiFunction<CastMedia, String, CastMedia> reachable;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, CompletableFuture<DeviceMessage>> pending = new ConcurrentHashMap<>();

    private volatile CastConnection connection;
    private volatile CastMedia playing;
    private volatile String appSessionId;
    private volatile String transportId;
    private volatile Long mediaSessionId;
    private volatile long lastHeard;
    private volatile boolean reconnected;
    private volatile boolean stopping;
    private long heartbeat = -1;

    ChromecastSession(String id, CastDevice device, CastMedia media, Vertx vertx, NetClient client, ObjectMapper json,
            Duration answerTimeout, BiFunction<CastMedia, String, CastMedia> reachable) {
        super(id, device, media);
        this.vertx = vertx;
        this.client = client;
        this.json = json;
        this.answerTimeout = answerTimeout;
        this.reachable = reachable;
    }

    @Override
    void begin() {
        connect().onSuccess(c -> launch()).onFailure(e -> end(SessionState.FAILED,
                device.name() + " refused the connection (" + e.getMessage() + ")"));
    }

    private io.vertx.core.Future<CastConnection> connect() {
        return CastConnection.open(client, device.host(), device.port(), new CastConnection.Listener() {
            @Override
            public void received(CastMessage message) {
                handle(message);
            }

            @Override
            public void closed(String reason, boolean broken) {
                connectionClosed(reason, broken);
            }
        }).onSuccess(c -> {
            connection = c;
            lastHeard = System.currentTimeMillis();
            send(Namespaces.CONNECTION, Namespaces.PLATFORM, new SenderMessages.Bare("CONNECT"));
            synchronized (this) {
                if (heartbeat < 0) {
                    heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> beat());
                }
            }
        });
    }

    private void launch() {
        try {
            playing = reachable.apply(media, connection.localHost());
        } catch (IllegalStateException e) {
            end(SessionState.FAILED, e.getMessage());
            shutDown();
            return;
        }
        reportState(SessionState.LOADING);
        request(Namespaces.RECEIVER, Namespaces.PLATFORM, r -> new SenderMessages.Launch(r, Namespaces.DEFAULT_MEDIA_RECEIVER))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        fail("did not start its media player in time");
                    } else if (answer instanceof DeviceMessage.LaunchError e) {
                        fail("refused to start the media player (" + (e.reason() == null ? "LAUNCH_ERROR" : e.reason()) + ")");
                    } else if (transportId == null) {
                        fail("started no media player (" + answer.getClass().getSimpleName() + ")");
                    } else {
                        load();
                    }
                });
    }

    private void load() {
        CastMedia m = playing;
        send(Namespaces.CONNECTION, transportId, new SenderMessages.Bare("CONNECT"));
        List<SenderMessages.Image> images = m.imageUrl() == null ? null : List.of(new SenderMessages.Image(m.imageUrl()));
        SenderMessages.Media loaded = new SenderMessages.Media(m.url(), m.contentType(), m.live() ? "LIVE" : "BUFFERED",
                new SenderMessages.Metadata(0, m.title(), m.subtitle(), images));
        request(Namespaces.MEDIA, transportId, r -> new SenderMessages.Load(r, loaded)).whenComplete((answer, failure) -> {
            if (failure != null) {
                fail("did not load " + m.url() + " in time");
            } else if (answer instanceof DeviceMessage.LoadFailed || answer instanceof DeviceMessage.LoadCancelled) {
                fail("could not load " + m.url() + " (" + answer.getClass().getSimpleName() + ")");
            } else if (answer instanceof DeviceMessage.InvalidRequest e) {
                fail("refused to load " + m.url() + " (" + e.reason() + ")");
            }
        });
    }

    // --- what the device says ---

    private void handle(CastMessage message) {
        lastHeard = System.currentTimeMillis();
        if (message.binary()) {
            return;
        }
        DeviceMessage said;
        try {
            said = json.readValue(message.payloadUtf8(), DeviceMessage.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("unreadable payload from %s on %s: %s", device.name(), message.namespace(), e.getMessage());
            return;
        }
        if (said instanceof DeviceMessage.Ping) {
            send(Namespaces.HEARTBEAT, message.sourceId(), new SenderMessages.Bare("PONG"));
        } else if (said instanceof DeviceMessage.ReceiverStatus s) {
            receiverStatus(s);
        } else if (said instanceof DeviceMessage.MediaStatus s) {
            mediaStatus(s);
        } else if (said instanceof DeviceMessage.Close && message.sourceId().equals(transportId) && !stopping) {
            end(SessionState.ENDED, device.name() + " closed the media player");
            shutDown();
        }
        Integer requestId = requestIdOf(said);
        if (requestId != null && requestId > 0) {
            CompletableFuture<DeviceMessage> waiting = pending.remove(requestId);
            if (waiting != null) {
                waiting.complete(said);
            }
        }
    }

    private static Integer requestIdOf(DeviceMessage m) {
        if (m instanceof DeviceMessage.ReceiverStatus s) {
            return s.requestId();
        } else if (m instanceof DeviceMessage.MediaStatus s) {
            return s.requestId();
        } else if (m instanceof DeviceMessage.LaunchError e) {
            return e.requestId();
        } else if (m instanceof DeviceMessage.LoadFailed e) {
            return e.requestId();
        } else if (m instanceof DeviceMessage.LoadCancelled e) {
            return e.requestId();
        } else if (m instanceof DeviceMessage.InvalidRequest e) {
            return e.requestId();
        } else if (m instanceof DeviceMessage.InvalidPlayerState e) {
            return e.requestId();
        }
        return null;
    }

    private void receiverStatus(DeviceMessage.ReceiverStatus s) {
        if (s.status() == null) {
            return;
        }
        if (s.status().volume() != null) {
            reportVolume(s.status().volume().level(), s.status().volume().muted());
        }
        List<DeviceMessage.Application> apps = s.status().applications() == null ? List.of() : s.status().applications();
        DeviceMessage.Application ours = apps.stream()
                .filter(a -> Namespaces.DEFAULT_MEDIA_RECEIVER.equals(a.appId())
                        && (appSessionId == null || appSessionId.equals(a.sessionId())))
                .findFirst().orElse(null);
        if (ours != null) {
            appSessionId = ours.sessionId();
            transportId = ours.transportId();
        } else if (appSessionId != null && !stopping) {
            end(SessionState.ENDED, "another app took over " + device.name());
            shutDown();
        }
    }

    private void mediaStatus(DeviceMessage.MediaStatus s) {
        if (s.status() == null || s.status().isEmpty()) {
            return;
        }
        DeviceMessage.MediaSession m = s.status().get(0);
        if (m.mediaSessionId() != null) {
            mediaSessionId = m.mediaSessionId();
        }
        if (m.volume() != null) {
            reportVolume(m.volume().level(), m.volume().muted());
        }
        Double duration = m.media() == null ? null : m.media().duration();
        boolean moving = "PLAYING".equals(m.playerState());
        reportPosition(m.currentTime(), duration, moving ? (m.playbackRate() == null ? 1 : m.playbackRate()) : 0);
        switch (m.playerState() == null ? "" : m.playerState()) {
            case "PLAYING" -> reportState(SessionState.PLAYING);
            case "PAUSED" -> reportState(SessionState.PAUSED);
            case "BUFFERING" -> reportState(SessionState.BUFFERING);
            case "IDLE" -> idle(m.idleReason());
            default -> {
            }
        }
    }

    private void idle(String reason) {
        if (reason == null) {
            reportState(SessionState.IDLE);
            return;
        }
        switch (reason) {
            case "FINISHED" -> end(SessionState.ENDED, "finished playing");
            case "ERROR" -> end(SessionState.FAILED, device.name() + " could not play " + playing.url());
            case "INTERRUPTED" -> end(SessionState.ENDED, "another cast replaced this one on " + device.name());
            default -> end(SessionState.ENDED, stopping ? null : "stopped on " + device.name());
        }
        if (state().isOver()) {
            shutDown();
        }
    }

    // --- keeping the connection ---

    private void beat() {
        CastConnection c = connection;
        if (c == null) {
            return;
        }
        if (System.currentTimeMillis() - lastHeard > SILENCE_MS) {
            c.close();
            connectionClosed("the device stopped answering", false);
            return;
        }
        send(Namespaces.HEARTBEAT, Namespaces.PLATFORM, new SenderMessages.Bare("PING"));
        Long media = mediaSessionId;
        if (media != null && transportId != null && state() == SessionState.PLAYING) {
            send(Namespaces.MEDIA, transportId, new SenderMessages.MediaCommand("GET_STATUS", requests.incrementAndGet(), media));
        }
    }

    private void connectionClosed(String reason, boolean broken) {
        connection = null;
        if (reason == null || stopping || state().isOver()) {
            return;
        }
        if (broken || reconnected || appSessionId == null) {
            end(SessionState.FAILED, "lost the connection to " + device.name() + ": " + reason);
            shutDown();
            return;
        }
        reconnected = true;
        LOG.infof("cast session %s: connection to %s lost (%s); reconnecting once", id, device.name(), reason);
        connect().onSuccess(c -> request(Namespaces.RECEIVER, Namespaces.PLATFORM, SenderMessages.GetStatus::new)
                .whenComplete((answer, failure) -> {
                    if (failure != null || transportId == null || state().isOver()) {
                        end(SessionState.FAILED, "lost the connection to " + device.name() + " (" + reason
                                + ") and it did not come back");
                        shutDown();
                        return;
                    }
                    send(Namespaces.CONNECTION, transportId, new SenderMessages.Bare("CONNECT"));
                    Long media = mediaSessionId;
                    if (media != null) {
                        send(Namespaces.MEDIA, transportId, new SenderMessages.MediaCommand("GET_STATUS", requests.incrementAndGet(), media));
                    }
                }))
                .onFailure(e -> {
                    end(SessionState.FAILED, "lost the connection to " + device.name() + " (" + reason
                            + ") and could not reconnect: " + e.getMessage());
                    shutDown();
                });
    }

    // --- controls ---

    @Override
    public void play() throws DeviceRefused, NotReady {
        media("PLAY", "play");
    }

    @Override
    public void pause() throws DeviceRefused, NotReady {
        media("PAUSE", "pause");
    }

    @Override
    public void seek(double seconds) throws DeviceRefused, NotReady {
        requireLoaded("seek");
        long session = loadedMedia("seek");
        awaitAnswer("seek", request(Namespaces.MEDIA, transportId, r -> new SenderMessages.Seek(r, session, seconds)));
    }

    @Override
    public void volume(double level) throws DeviceRefused, NotReady {
        requireLoaded("change the volume");
        awaitAnswer("change the volume", request(Namespaces.RECEIVER, Namespaces.PLATFORM,
                r -> new SenderMessages.SetVolume(r, new SenderMessages.Volume(level, null))));
    }

    @Override
    public void mute(boolean mute) throws DeviceRefused, NotReady {
        requireLoaded(mute ? "mute" : "unmute");
        awaitAnswer(mute ? "mute" : "unmute", request(Namespaces.RECEIVER, Namespaces.PLATFORM,
                r -> new SenderMessages.SetVolume(r, new SenderMessages.Volume(null, mute))));
    }

    private void media(String type, String control) throws DeviceRefused, NotReady {
        requireLoaded(control);
        long session = loadedMedia(control);
        awaitAnswer(control, request(Namespaces.MEDIA, transportId, r -> new SenderMessages.MediaCommand(type, r, session)));
    }

    private long loadedMedia(String control) throws NotReady {
        Long session = mediaSessionId;
        if (session == null || transportId == null) {
            throw new NotReady("the device has no media loaded to " + control);
        }
        return session;
    }

    private void awaitAnswer(String control, CompletableFuture<DeviceMessage> answer) throws DeviceRefused {
        DeviceMessage said;
        try {
            said = answer.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DeviceRefused(device.name() + " did not answer '" + control + "' in time");
        } catch (ExecutionException e) {
            throw new DeviceRefused(device.name() + " could not be asked to " + control + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceRefused("interrupted");
        }
        if (said instanceof DeviceMessage.InvalidPlayerState) {
            throw new DeviceRefused(device.name() + " cannot " + control + " in its current state");
        }
        if (said instanceof DeviceMessage.InvalidRequest e) {
            throw new DeviceRefused(device.name() + " refused to " + control + " (" + e.reason() + ")");
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Long media = mediaSessionId;
        if (connection != null && transportId != null) {
            if (media != null) {
                send(Namespaces.MEDIA, transportId, new SenderMessages.MediaCommand("STOP", requests.incrementAndGet(), media));
            }
            if (appSessionId != null) {
                send(Namespaces.RECEIVER, Namespaces.PLATFORM, new SenderMessages.StopApp(requests.incrementAndGet(), appSessionId));
            }
            send(Namespaces.CONNECTION, transportId, new SenderMessages.Bare("CLOSE"));
        }
        end(SessionState.ENDED, null);
        shutDown();
    }

    private void fail(String what) {
        end(SessionState.FAILED, device.name() + " " + what);
        shutDown();
    }

    private void shutDown() {
        stopping = true;
        synchronized (this) {
            if (heartbeat >= 0) {
                vertx.cancelTimer(heartbeat);
                heartbeat = -1;
            }
        }
        CastConnection c = connection;
        connection = null;
        if (c != null) {
            c.send(CastMessage.text(Namespaces.SENDER, Namespaces.PLATFORM, Namespaces.CONNECTION, "{\"type\":\"CLOSE\"}"));
            c.close();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the session ended")));
        pending.clear();
    }

    // --- sending ---

    private CompletableFuture<DeviceMessage> request(String namespace, String destination,
            java.util.function.IntFunction<Object> message) {
        int requestId = requests.incrementAndGet();
        CompletableFuture<DeviceMessage> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        if (!send(namespace, destination, message.apply(requestId))) {
            pending.remove(requestId);
            answer.completeExceptionally(new IllegalStateException("not connected"));
            return answer;
        }
        vertx.setTimer(answerTimeout.toMillis(), t -> {
            CompletableFuture<DeviceMessage> late = pending.remove(requestId);
            if (late != null) {
                late.completeExceptionally(new TimeoutException("no answer to request " + requestId));
            }
        });
        return answer;
    }

    private boolean send(String namespace, String destination, Object payload) {
        CastConnection c = connection;
        if (c == null || destination == null) {
            return false;
        }
        try {
            c.send(CastMessage.text(Namespaces.SENDER, destination, namespace, json.writeValueAsString(payload)));
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + payload, e);
        }
    }
}
