package org.defiancenetwork.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;

/**
 * A WHIP client that is not our page: webrtc-java sending a synthetic video (a moving bar) from
 * Java, the way a scripted encoder or bot would. Video only, as many hardware encoders do.
 */
public final class JavaWhipClient implements AutoCloseable {

    private final PeerConnectionFactory factory;
    private final int width;
    private final int height;
    private final int fps;
    private final CountDownLatch gathered = new CountDownLatch(1);
    private final CustomVideoSource source = new CustomVideoSource();
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private volatile boolean running;
    private RTCPeerConnection connection;
    private VideoTrack track;
    private Thread pusher;

    public JavaWhipClient(PeerConnectionFactory factory, int width, int height, int fps) {
        this.factory = factory;
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    /** Creates the offer, with every host candidate in it. */
    public String offer() throws Exception {
        connection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState s) {
                if (s == RTCIceGatheringState.COMPLETE) {
                    gathered.countDown();
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState s) {
                state = s;
            }
        });
        track = factory.createVideoTrack("synthetic", source);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("synthetic");
        connection.addTransceiver(track, init);

        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                offer.complete(description);
            }

            @Override
            public void onFailure(String error) {
                offer.completeExceptionally(new IllegalStateException(error));
            }
        });
        set(false, offer.get(5, TimeUnit.SECONDS));
        gathered.await(5, TimeUnit.SECONDS);
        return connection.getLocalDescription().sdp;
    }

    /** Applies the WHIP answer and starts sending frames. */
    public void answer(String sdp) throws Exception {
        set(true, new RTCSessionDescription(RTCSdpType.ANSWER, sdp));
        running = true;
        pusher = new Thread(this::pushFrames, "java-whip-client");
        pusher.setDaemon(true);
        pusher.start();
    }

    public RTCPeerConnectionState state() {
        return state;
    }

    private void pushFrames() {
        long frameNanos = 1_000_000_000L / fps;
        long start = System.nanoTime();
        for (long n = 0; running; n++) {
            NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
            paint(buffer, n);
            VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
            source.pushFrame(frame);
            frame.release();
            long wait = start + (n + 1) * frameNanos - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    /** Grey picture with a white bar that moves one column per frame, so the encoder has work. */
    private void paint(NativeI420Buffer buffer, long n) {
        ByteBuffer y = buffer.getDataY();
        int stride = buffer.getStrideY();
        int bar = (int) ((n * 8) % width);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                y.put(row * stride + col, (byte) (Math.abs(col - bar) < 16 ? 235 : 100));
            }
        }
        fill(buffer.getDataU(), (byte) 128);
        fill(buffer.getDataV(), (byte) 128);
    }

    private static void fill(ByteBuffer plane, byte value) {
        for (int i = 0; i < plane.capacity(); i++) {
            plane.put(i, value);
        }
    }

    private void set(boolean remote, RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (remote) {
            connection.setRemoteDescription(description, observer);
        } else {
            connection.setLocalDescription(description, observer);
        }
        done.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (pusher != null) {
            pusher.join(2000);
        }
        // Closing the connection releases the track and source; disposing them while the sender
        // still holds them fails ("Native object was not deleted").
        if (connection != null) {
            connection.close();
        }
    }
}
