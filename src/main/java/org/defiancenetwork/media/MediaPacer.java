package org.defiancenetwork.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.defiancenetwork.media.api.MediaInput;
import org.defiancenetwork.media.api.PcmConverter;
import org.defiancenetwork.media.api.RawFrame;
import org.jboss.logging.Logger;

/**
 * Feeds FFmpeg two raw streams on one clock: video at an exactly constant frame rate (repeating
 * the latest picture when the camera is slower, skipping pictures when it is faster) and audio as
 * continuous 48 kHz stereo PCM steered onto the same clock by {@link AudioTimeline}. FFmpeg stamps raw
 * input by counting frames and samples, so streams written this way stay in sync by construction.
 * <p>
 * WebRTC's threads only ever {@code offer} into bounded queues: when FFmpeg falls behind, new media
 * is dropped and counted instead of blocking the network stack.
 */
public final class MediaPacer implements MediaInput {

    private static final Logger LOG = Logger.getLogger(MediaPacer.class);
    /** Half a second at 30 fps: enough to ride out FFmpeg's start and short stalls. */
    private static final int VIDEO_QUEUE = 16;
    /** Three seconds of 10 ms chunks: audio waits here while FFmpeg starts. */
    private static final int AUDIO_QUEUE = 300;
    private static final byte[] SILENCE = new byte[PcmConverter.RATE / 10 * PcmConverter.BYTES_PER_FRAME];
    private static final long AUDIO_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int frameRate;
    private final int width;
    private final int height;
    private final BlockingQueue<RawFrame> video = new ArrayBlockingQueue<>(VIDEO_QUEUE);
    private final BlockingQueue<byte[]> audio = new ArrayBlockingQueue<>(AUDIO_QUEUE);
    private final AtomicLong framesOffered = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesWritten = new AtomicLong();
    private final AtomicLong audioChunksDropped = new AtomicLong();
    private final AtomicLong audioSamplesWritten = new AtomicLong();
    private final AtomicLong silenceSamplesWritten = new AtomicLong();
    private volatile boolean running;
    private volatile long startNanos;
    private Thread videoWriter;
    private Thread audioWriter;

    public MediaPacer(int frameRate, int width, int height) {
        this.frameRate = frameRate;
        this.width = width;
        this.height = height;
    }

    /** From any thread, never blocks. False when the frame was dropped. */
    @Override
    public boolean offerVideo(RawFrame frame) {
        framesOffered.incrementAndGet();
        if (frame.width() != width || frame.height() != height || !video.offer(frame)) {
            framesDropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** From any thread, never blocks: 48 kHz stereo s16le as made by {@link PcmConverter}. */
    @Override
    public boolean offerAudio(byte[] pcm) {
        if (!running || !audio.offer(pcm)) {
            if (running) {
                audioChunksDropped.incrementAndGet();
            }
            return false;
        }
        return true;
    }

    /** Opens the audio stream; may block until FFmpeg connects, so it runs on the audio writer. */
    public interface AudioConnector {
        OutputStream connect() throws IOException;
    }

    /**
     * Starts both writers; the first video frame and the first audio sample share time zero. Audio
     * that is not flowing yet when its stream opens is made up with silence, so the clocks agree.
     */
    public synchronized void start(OutputStream videoOut, AudioConnector audioOut, String name) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        startNanos = System.nanoTime();
        running = true;
        videoWriter = daemon("video-writer-" + name, () -> writeVideo(videoOut));
        audioWriter = daemon("audio-writer-" + name, () -> writeAudio(audioOut));
    }

    /** Stops writing and closes both streams, which tells FFmpeg the input has ended. */
    public void stop() {
        running = false;
        for (Thread t : new Thread[] { videoWriter, audioWriter }) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    public long framesOffered() {
        return framesOffered.get();
    }

    @Override
    public long framesDropped() {
        return framesDropped.get();
    }

    public long framesWritten() {
        return framesWritten.get();
    }

    public long audioSamplesWritten() {
        return audioSamplesWritten.get();
    }

    public long silenceSamplesWritten() {
        return silenceSamplesWritten.get();
    }

    public long audioChunksDropped() {
        return audioChunksDropped.get();
    }

    private void writeVideo(OutputStream out) {
        long frameNanos = 1_000_000_000L / frameRate;
        RawFrame current = RawFrame.black(width, height);
        long tick = 0;
        try (out) {
            while (running) {
                long due = startNanos + tick * frameNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    if (!running) {
                        break;
                    }
                    continue;
                }
                RawFrame latest;
                while ((latest = video.poll()) != null) {
                    current = latest;
                }
                out.write(current.i420());
                framesWritten.incrementAndGet();
                tick++;
            }
        } catch (IOException e) {
            if (running) {
                LOG.warnf("video pipe to FFmpeg closed: %s", e.getMessage());
            }
        }
    }

    private void writeAudio(AudioConnector connector) {
        AudioTimeline timeline = new AudioTimeline(PcmConverter.RATE);
        try (OutputStream out = connector.connect()) {
            // what arrived while FFmpeg was starting keeps its place on the clock
            List<byte[]> waiting = new ArrayList<>();
            audio.drainTo(waiting);
            long queued = waiting.stream().mapToLong(c -> c.length / PcmConverter.BYTES_PER_FRAME).sum();
            writeSilence(out, timeline.start(System.nanoTime() - startNanos, queued));
            for (byte[] chunk : waiting) {
                out.write(chunk);
            }
            audioSamplesWritten.addAndGet(queued);
            while (running) {
                byte[] chunk = audio.poll(AUDIO_TICK_NANOS, TimeUnit.NANOSECONDS);
                long elapsed = System.nanoTime() - startNanos;
                if (chunk != null) {
                    int frames = chunk.length / PcmConverter.BYTES_PER_FRAME;
                    int keep = timeline.chunk(elapsed, frames);
                    if (keep > 0) {
                        out.write(keep == frames ? chunk : PcmConverter.stretch(chunk, keep));
                        audioSamplesWritten.addAndGet(keep);
                    } else {
                        audioChunksDropped.incrementAndGet();
                    }
                }
                writeSilence(out, timeline.silenceNeeded(elapsed));
            }
        } catch (IOException e) {
            if (running) {
                LOG.warnf("audio pipe to FFmpeg closed: %s", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeSilence(OutputStream out, long samples) throws IOException {
        long left = samples;
        while (left > 0) {
            int frames = (int) Math.min(left, SILENCE.length / PcmConverter.BYTES_PER_FRAME);
            out.write(SILENCE, 0, frames * PcmConverter.BYTES_PER_FRAME);
            left -= frames;
        }
        audioSamplesWritten.addAndGet(samples);
        silenceSamplesWritten.addAndGet(samples);
    }
}
