package org.defiancenetwork.live;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.defiancenetwork.media.api.PcmConverter;
import org.defiancenetwork.media.api.RawFrame;
import org.jboss.logging.Logger;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;

/**
 * One WHIP ingest: a receive-only RTCPeerConnection whose decoded pictures and sound are handed
 * on as raw I420 and 48 kHz stereo PCM. The callbacks run on WebRTC's own threads, so they copy,
 * hand over without blocking, and return; everything slow happens elsewhere.
 */
public final class IngestSession implements PeerConnectionObserver {

    private static final Logger LOG = Logger.getLogger(IngestSession.class);

    /** Where media and connection news go; implementations must not block. */
    public interface Receiver {
        /** {@code from} lets the receiver drop media of a session that is no longer its current one. */
        void video(IngestSession from, RawFrame frame);

        void audio(IngestSession from, byte[] pcm);

        void connectionChanged(IngestSession session, RTCPeerConnectionState state);
    }

    /** The answer could not be made from the offer; the message is WebRTC's. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final String id;
    private final Receiver receiver;
    private final int maxHeight;
    private final CountDownLatch gathered = new CountDownLatch(1);
    private final PcmConverter pcm = new PcmConverter();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong audioSamplesReceived = new AtomicLong();
    private volatile int targetWidth;
    private volatile int targetHeight;
    private volatile int sourceWidth;
    private volatile int sourceHeight;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private volatile boolean iceLost;
    private volatile boolean everConnected;
    private volatile boolean closed;
    private RTCPeerConnection connection;
    private volatile Attached video;
    private volatile Attached audio;
    private final VideoTrackSink videoSink = this::onVideoFrame;
    private final AudioTrackSink audioSink = this::onAudio;

    /** A track our sink is attached to, with the transceiver that tells whether the track still exists. */
    private record Attached(RTCRtpTransceiver transceiver, Runnable remove) {
    }

    /**
     * @param fixedWidth picture size to deliver, or 0 to take the first frame's size capped at
     *        {@code maxHeight}; a reconnect passes the size of the session it replaces
     */
    public IngestSession(String id, Receiver receiver, int maxHeight, int fixedWidth, int fixedHeight) {
        this.id = id;
        this.receiver = receiver;
        this.maxHeight = maxHeight;
        this.targetWidth = fixedWidth;
        this.targetHeight = fixedHeight;
    }

    /** Applies the offer and returns the complete answer, candidates included (no trickle needed). */
    public String answer(PeerConnectionFactory factory, String offerSdp, List<RTCIceServer> iceServers, long timeoutMillis)
            throws Refused {
        RTCConfiguration config = new RTCConfiguration();
        config.iceServers = iceServers;
        connection = factory.createPeerConnection(config, this);
        try {
            await(setDescription(true, new RTCSessionDescription(RTCSdpType.OFFER, offerSdp)), timeoutMillis);
            RTCSessionDescription answer = await(createAnswer(), timeoutMillis);
            if (!SdpOffer.acceptsVideo(answer.sdp)) {
                // libwebrtc answers a section it cannot receive with port 0 and frees its track;
                // such a session would broadcast nothing, so it ends before anything touches it.
                throw new Refused("this node cannot receive the offered video (the answer rejects the video section)");
            }
            await(setDescription(false, answer), timeoutMillis);
            if (!gathered.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warnf("ingest %s: ICE gathering not complete after %d ms, answering with what we have", id, timeoutMillis);
            }
            return connection.getLocalDescription().sdp;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new Refused("interrupted while answering");
        } catch (Refused | RuntimeException e) {
            // Whatever went wrong, the native connection must not outlive the refused offer.
            close();
            throw e;
        }
    }

    /** Trickle ICE (RFC 9725 §4.3.1): a candidate the client found after its offer. */
    public void addCandidate(String mid, int mLineIndex, String candidate) throws Refused {
        if (closed) {
            return;
        }
        try {
            connection.addIceCandidate(new RTCIceCandidate(mid, mLineIndex, candidate));
        } catch (Error e) {
            // webrtc-java throws a plain Error for a candidate libwebrtc cannot parse: the client's mistake.
            if (e.getClass() != Error.class) {
                throw e;
            }
            LOG.debugf("ingest %s: candidate refused: %s", id, e.getMessage());
            throw new Refused(e.getMessage());
        }
    }

    /** Idempotent; never call it on a WebRTC callback thread. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            detach(video);
            detach(audio);
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * A track whose transceiver libwebrtc stopped (a rejected or renegotiated-away section) has
     * been freed natively; touching it through its Java handle is a SIGSEGV, not an exception.
     */
    private void detach(Attached attached) {
        if (attached == null || connection == null
                || connection.getSignalingState() == RTCSignalingState.CLOSED || attached.transceiver().stopped()) {
            return;
        }
        attached.remove().run();
    }

    public String id() {
        return id;
    }

    public RTCPeerConnectionState state() {
        return state;
    }

    public boolean isClosed() {
        return closed;
    }

    /** ICE has connected at least once: a client really is on the other end. */
    public boolean everConnected() {
        return everConnected;
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    public long audioSamplesReceived() {
        return audioSamplesReceived.get();
    }

    public int sourceWidth() {
        return sourceWidth;
    }

    public int sourceHeight() {
        return sourceHeight;
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        // The answer waits for gathering to complete and carries every candidate itself.
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState gatheringState) {
        if (gatheringState == RTCIceGatheringState.COMPLETE) {
            gathered.countDown();
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState newState) {
        try {
            state = newState;
            receiver.connectionChanged(this, newState);
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingest %s: connection change to %s", id, newState);
        }
    }

    /**
     * ICE notices a broadcaster leaving at once, while the peer connection reports it only about
     * 7.5 s later (measured here), so ICE tells us first.
     */
    @Override
    public void onIceConnectionChange(RTCIceConnectionState iceState) {
        try {
            if (iceState == RTCIceConnectionState.CONNECTED || iceState == RTCIceConnectionState.COMPLETED) {
                everConnected = true;
            }
            boolean lost = iceState == RTCIceConnectionState.DISCONNECTED || iceState == RTCIceConnectionState.FAILED;
            if (lost != iceLost) {
                iceLost = lost;
                receiver.connectionChanged(this, lost ? RTCPeerConnectionState.DISCONNECTED : state);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingest %s: ICE change to %s", id, iceState);
        }
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
        try {
            if (closed) {
                return;
            }
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track instanceof VideoTrack videoTrack && video == null) {
                videoTrack.addSink(videoSink);
                video = new Attached(transceiver, () -> videoTrack.removeSink(videoSink));
            } else if (track instanceof AudioTrack audioTrack && audio == null) {
                audioTrack.addSink(audioSink);
                audio = new Attached(transceiver, () -> audioTrack.removeSink(audioSink));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingest %s: could not attach a track", id);
        }
    }

    /** Media can still flow: not closed, not failed, and ICE has not lost the broadcaster. */
    public boolean isConnected() {
        RTCPeerConnectionState s = state;
        return !closed && !iceLost && (s == RTCPeerConnectionState.NEW || s == RTCPeerConnectionState.CONNECTING
                || s == RTCPeerConnectionState.CONNECTED);
    }

    /**
     * Each frame arrives holding one reference (webrtc-java copies the decoded picture for us), so
     * it is released here exactly once; a scaled copy is ours and released too. Nothing may be
     * thrown back into native code.
     */
    private void onVideoFrame(VideoFrame frame) {
        try {
            if (closed) {
                return;
            }
            VideoFrameBuffer buffer = frame.buffer;
            int width = buffer.getWidth();
            int height = buffer.getHeight();
            sourceWidth = width;
            sourceHeight = height;
            if (targetWidth == 0) {
                fixTarget(width, height);
            }
            byte[] pixels;
            if (width != targetWidth || height != targetHeight) {
                VideoFrameBuffer scaled = buffer.cropAndScale(0, 0, width, height, targetWidth, targetHeight);
                try {
                    pixels = copy(scaled.toI420(), targetWidth, targetHeight);
                } finally {
                    scaled.release();
                }
            } else {
                pixels = copy(buffer.toI420(), targetWidth, targetHeight);
            }
            framesReceived.incrementAndGet();
            receiver.video(this, new RawFrame(targetWidth, targetHeight, pixels));
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "ingest %s: could not take a video frame", id);
        } finally {
            frame.release();
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        try {
            if (closed) {
                return;
            }
            audioSamplesReceived.addAndGet(frames);
            receiver.audio(this, pcm.convert(data, bitsPerSample, sampleRate, channels, frames));
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingest %s: could not take audio", id);
        }
    }

    /** The first picture decides the size for the whole session: its own, scaled down to maxHeight. */
    private void fixTarget(int width, int height) {
        int h = Math.min(height, maxHeight);
        h -= h % 2;
        int w = (int) Math.round((double) width * h / height);
        w -= w % 2;
        targetWidth = Math.max(2, w);
        targetHeight = Math.max(2, h);
    }

    private static byte[] copy(I420Buffer buffer, int width, int height) {
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        byte[] out = new byte[RawFrame.size(width, height)];
        int at = copyPlane(buffer.getDataY(), buffer.getStrideY(), width, height, out, 0);
        at = copyPlane(buffer.getDataU(), buffer.getStrideU(), chromaWidth, chromaHeight, out, at);
        copyPlane(buffer.getDataV(), buffer.getStrideV(), chromaWidth, chromaHeight, out, at);
        return out;
    }

    private static int copyPlane(ByteBuffer plane, int stride, int width, int height, byte[] out, int at) {
        if (stride == width) {
            plane.get(0, out, at, width * height);
            return at + width * height;
        }
        for (int row = 0; row < height; row++) {
            plane.get(row * stride, out, at, width);
            at += width;
        }
        return at;
    }

    private CompletableFuture<Void> setDescription(boolean remote, RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new Refused(error));
            }
        };
        try {
            if (remote) {
                connection.setRemoteDescription(description, observer);
            } else {
                connection.setLocalDescription(description, observer);
            }
        } catch (Error e) {
            // webrtc-java reports an SDP libwebrtc cannot take (an unsupported protocol, say) by
            // throwing a plain java.lang.Error at once; that is a refused offer, not a broken JVM.
            if (e.getClass() != Error.class) {
                throw e;
            }
            done.completeExceptionally(new Refused(e.getMessage()));
        }
        return done;
    }

    private CompletableFuture<RTCSessionDescription> createAnswer() {
        CompletableFuture<RTCSessionDescription> done = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                done.complete(description);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new Refused(error));
            }
        });
        return done;
    }

    private static <T> T await(CompletableFuture<T> future, long timeoutMillis) throws Refused, InterruptedException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Refused refused ? refused : new Refused(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new Refused("WebRTC did not answer within " + timeoutMillis + " ms");
        }
    }
}
