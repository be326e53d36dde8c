package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.RawFrame;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Broadcaster;
import org.defiancenetwork.testing.JavaWhipClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A broadcast's life when things happen at once: reconnects, stops and a stuck transcoder. */
@QuarkusTest
class BroadcastLifecycleTest {

    static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    @Inject
    WebRtcStack webrtc;

    @Inject
    BroadcastService service;

    @Inject
    MediaLayout layout;

    @BeforeEach
    void sdp() {
        Broadcaster.teachRestAssuredSdp();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    Response post(Broadcaster who, String offer) {
        return given().header("Authorization", "Bearer " + who.streamKey()).contentType("application/sdp").body(offer)
                .post(who.whipUrl());
    }

    JsonPath status(String id) {
        return given().get("/api/broadcasts/" + id).jsonPath();
    }

    JsonPath awaitState(String id, String state, Duration timeout) throws InterruptedException {
        return Await.until(timeout, "broadcast " + id + " to be " + state, () -> {
            JsonPath s = status(id);
            return state.equals(s.getString("state")) ? s : null;
        });
    }

    /** FFmpeg processes of this JVM that work on the broadcast (its media folder is in their arguments). */
    List<ProcessHandle> transcodersOf(String id) {
        String dir = layout.broadcastDir(id).toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .toList();
    }

    @Test
    void broadcasterWhoReconnectsAsGraceRunsOutContinuesTheSameBroadcast() throws Exception {
        Broadcaster owner = Broadcaster.create();
        JavaWhipClient first = new JavaWhipClient(webrtc.factory(), 640, 360, 30);
        Response created = post(owner, first.offer());
        created.then().statusCode(201);
        first.answer(created.asString());
        String id = created.header("X-Defiance-Broadcast");
        long before = Await.until(Duration.ofSeconds(60), "frames of the first connection", () -> {
            JsonPath s = status(id);
            return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > 60
                    ? s.getLong("ingest.framesReceived") : null;
        });

        OnAir onAir = service.onAir(id);
        IngestSession lost = onAir.session;
        first.close();
        awaitGracePeriod(onAir);

        try (JavaWhipClient second = new JavaWhipClient(webrtc.factory(), 640, 360, 30)) {
            String offer = second.offer();
            Future<Response> reconnect = BACKGROUND.submit(() -> post(owner, offer));
            // The grace period runs out while the reconnect is being answered (or just after).
            while (!onAir.answering && !reconnect.isDone()) {
                Thread.onSpinWait();
            }
            graceRunsOut(onAir, lost);
            Response resumed = reconnect.get(60, TimeUnit.SECONDS);
            resumed.then().statusCode(201);
            assertEquals(id, resumed.header("X-Defiance-Broadcast"), "the reconnect continues the broadcast");
            service.graceExpired(onAir, lost);
            second.answer(resumed.asString());

            Await.until(Duration.ofSeconds(60), "frames of the second connection to add up", () -> {
                JsonPath s = status(id);
                return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > before + 60;
            });
            given().header("Authorization", "Bearer " + owner.streamKey()).delete(resumed.header("Location"))
                    .then().statusCode(200);
        }
        JsonPath ended = Await.until(Duration.ofSeconds(90), "the broadcast to end with a recording", () -> {
            JsonPath s = status(id);
            return "ENDED".equals(s.getString("state")) && s.getString("recordingUrl") != null ? s : null;
        });
        assertTrue(ended.getLong("durationMs") > 0, "the recording has a duration");
        long broadcastsOfChannel = QuarkusTransaction.requiringNew().call(() -> {
            Broadcast b = Broadcast.findById(id);
            return Broadcast.count("channelId", b.channelId);
        });
        assertEquals(1, broadcastsOfChannel, "one broadcast, so one recording, for the whole session");
    }

    @Test
    void reconnectRefusedAfterTheGraceRanOutEndsTheBroadcast() throws Exception {
        Broadcaster owner = Broadcaster.create();
        String id;
        OnAir onAir;
        IngestSession lost;
        try (JavaWhipClient first = new JavaWhipClient(webrtc.factory(), 640, 360, 30)) {
            Response created = post(owner, first.offer());
            created.then().statusCode(201);
            first.answer(created.asString());
            id = created.header("X-Defiance-Broadcast");
            awaitState(id, "LIVE", Duration.ofSeconds(60));
            onAir = service.onAir(id);
            lost = onAir.session;
        }
        awaitGracePeriod(onAir);
        // An offer WebRTC only refuses once it tried to answer it, so the grace runs out meanwhile.
        String refused = RealOffers.videoFmtp(RealOffers.keepVideoCodecs(RealOffers.audioAndVideo(webrtc.factory()),
                codec -> codec.startsWith("H264/")), "packetization-mode", "5");
        Future<Response> reconnect = BACKGROUND.submit(() -> post(owner, refused));
        while (!onAir.answering && !reconnect.isDone()) {
            Thread.onSpinWait();
        }
        graceRunsOut(onAir, lost);
        reconnect.get(60, TimeUnit.SECONDS).then().statusCode(400);

        awaitState(id, "ENDED", Duration.ofSeconds(60));
        Await.until(Duration.ofSeconds(30), "the node to let go of " + id, () -> service.onAir(id) == null);
        assertEquals(List.of(), transcodersOf(id), "no FFmpeg outlives the broadcast");
    }

    /** The broadcaster is gone and the node is waiting for it to come back. */
    private static void awaitGracePeriod(OnAir onAir) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), "the node to notice the broadcaster left",
                () -> !onAir.ingestConnected() && onAir.graceTimer != null);
    }

    /** What the grace timer does when it fires, now rather than after defiance.live.disconnect-grace. */
    private void graceRunsOut(OnAir onAir, IngestSession lost) {
        ScheduledFuture<?> timer = onAir.graceTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        service.graceExpired(onAir, lost);
    }

    @Test
    void stopAtTheFirstFrameLeavesNoTranscoderAndAnEndedBroadcast() throws Exception {
        Broadcaster owner = Broadcaster.create();
        String offer = Broadcaster.chromiumOffer();
        for (int round = 0; round < 12; round++) {
            Response created = post(owner, offer);
            created.then().statusCode(201);
            String id = created.header("X-Defiance-Broadcast");
            OnAir onAir = service.onAir(id);
            IngestSession session = onAir.session;
            // The frame callback has passed its own "closed" check when the DELETE closes the
            // session; closing it up front makes that interleaving certain.
            session.close();
            CyclicBarrier together = new CyclicBarrier(2);
            long lateBy = TimeUnit.MILLISECONDS.toNanos(3L * (round % 6));
            CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> {
                await(together);
                // A sweep of 0 to 15 ms after the frame, so rounds land while FFmpeg is starting.
                LockSupport.parkNanos(lateBy);
                given().header("Authorization", "Bearer " + owner.streamKey()).delete(created.header("Location"))
                        .then().statusCode(200);
            }, BACKGROUND);
            await(together);
            onAir.video(session, RawFrame.black(640, 360));
            delete.get(60, TimeUnit.SECONDS);

            JsonPath ended = awaitState(id, "ENDED", Duration.ofSeconds(90));
            assertEquals(null, ended.getString("failureReason"));
            Await.until(Duration.ofSeconds(30), "the node to let go of " + id, () -> service.onAir(id) == null);
            assertEquals(List.of(), transcodersOf(id), "no FFmpeg of round " + round + " outlives its broadcast");
            assertEquals("ENDED", status(id).getString("state"), "the row stays ENDED");
        }
    }

    @Test
    void wedgedTranscoderFailsTheBroadcastWithAReason() throws Exception {
        Broadcaster owner = Broadcaster.create();
        ProcessHandle ffmpeg = null;
        try (JavaWhipClient client = new JavaWhipClient(webrtc.factory(), 640, 360, 30)) {
            Response created = post(owner, client.offer());
            created.then().statusCode(201);
            client.answer(created.asString());
            String id = created.header("X-Defiance-Broadcast");
            Await.until(Duration.ofSeconds(60), "the transcoder to make progress", () -> {
                JsonPath s = status(id);
                return "LIVE".equals(s.getString("state")) && s.getLong("transcoder.frames") > 30;
            });
            List<ProcessHandle> found = transcodersOf(id);
            assertEquals(1, found.size(), "one FFmpeg for the broadcast: " + found);
            ffmpeg = found.get(0);
            signal("STOP", ffmpeg);

            JsonPath failed = awaitState(id, "FAILED", Duration.ofSeconds(90));
            assertNotNull(failed.getString("failureReason"));
            assertTrue(failed.getString("failureReason").contains("transcoder stalled"), failed.getString("failureReason"));
            Await.until(Duration.ofSeconds(30), "the wedged FFmpeg to be gone", () -> transcodersOf(id).isEmpty());
        } finally {
            if (ffmpeg != null && ffmpeg.isAlive()) {
                signal("CONT", ffmpeg);
                ffmpeg.destroyForcibly();
            }
        }
    }

    private static void signal(String name, ProcessHandle process) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        assertEquals(0, exit, "kill -" + name + " " + process.pid());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
