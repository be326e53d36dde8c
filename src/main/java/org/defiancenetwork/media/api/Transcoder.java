package org.defiancenetwork.media.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.defiancenetwork.media.FfmpegCommand;
import org.defiancenetwork.media.MediaPacer;
import org.defiancenetwork.media.SegmentHashes;
import org.jboss.logging.Logger;

/**
 * One supervised FFmpeg child process for one broadcast. It reads paced raw media from a
 * {@link MediaPacer} and writes the HLS ladder. When our process dies, FFmpeg sees its inputs close
 * and finishes on its own, so no FFmpeg outlives the node.
 */
public final class Transcoder {

    private static final Logger LOG = Logger.getLogger(Transcoder.class);
    private static final int AUDIO_CONNECT_TIMEOUT_MILLIS = 15_000;
    private static final long STOP_GRACE_SECONDS = 15;
    static final String LOG_FILE = "transcoder.log";

    /** Told once, when the process has exited for whatever reason. */
    public interface Listener {
        void exited(Transcoder transcoder, int exitCode, boolean requested);
    }

    private final String name;
    private final Process process;
    private final MediaPacer pacer;
    private final List<RenditionPlan> ladder;
    private final Path outputDir;
    private final List<SegmentHashes> hashes;
    private volatile TranscoderProgress progress = TranscoderProgress.NONE;
    private volatile boolean stopRequested;

    private Transcoder(String name, Process process, MediaPacer pacer, List<RenditionPlan> ladder, Path outputDir) {
        this.name = name;
        this.process = process;
        this.pacer = pacer;
        this.ladder = ladder;
        this.outputDir = outputDir;
        this.hashes = ladder.stream().map(r -> new SegmentHashes(outputDir.resolve(r.name()))).toList();
    }

    static Transcoder start(String name, FfmpegCommand.Inputs inputs, MediaPacer pacer, Listener listener)
            throws IOException {
        Path out = inputs.outputDir();
        for (RenditionPlan r : inputs.ladder()) {
            Files.createDirectories(out.resolve(r.name()));
        }
        ServerSocket audioListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        FfmpegCommand command = FfmpegCommand.forBroadcast(new FfmpegCommand.Inputs(inputs.executable(), inputs.width(),
                inputs.height(), inputs.frameRate(), audioListener.getLocalPort(), out, inputs.ladder(),
                inputs.segmentSeconds(), inputs.x264Preset(), inputs.audioKbps()));
        LOG.infof("transcoder %s: %s", name, command);
        Process process;
        try {
            process = new ProcessBuilder(command.arguments())
                    .redirectError(ProcessBuilder.Redirect.appendTo(out.resolve(LOG_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            audioListener.close();
            throw e;
        }
        Transcoder transcoder = new Transcoder(name, process, pacer, inputs.ladder(), out);
        pacer.start(process.getOutputStream(), () -> transcoder.acceptAudio(audioListener), name);
        daemon("transcoder-progress-" + name, transcoder::readProgress);
        process.onExit().thenAccept(p -> {
            pacer.stop();
            closeQuietly(audioListener);
            int code = p.exitValue();
            if (transcoder.stopRequested) {
                LOG.infof("transcoder %s finished (exit %d)", name, code);
            } else {
                LOG.errorf("transcoder %s exited unexpectedly with %d; see %s", name, code, out.resolve(LOG_FILE));
            }
            listener.exited(transcoder, code, transcoder.stopRequested);
        });
        return transcoder;
    }

    /**
     * Ends the input so FFmpeg writes its last segment and EXT-X-ENDLIST, then waits for it; kills it
     * if it does not finish in time.
     */
    public void stop() {
        stopRequested = true;
        pacer.stop();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("transcoder %s did not finish within %d s, terminating it", name, STOP_GRACE_SECONDS);
                // Signals through the handle: Process.destroy() also closes stdin, which blocks while a
                // pacer thread is stuck writing into the pipe of a stopped (SIGSTOP) FFmpeg.
                process.toHandle().destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.toHandle().destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
    }

    /**
     * Hashes segments FFmpeg finished since the last call; with {@code flush} also writes every
     * rendition's hashes.json, which otherwise happens when its playlist ends.
     */
    void publishHashes(boolean flush) {
        for (SegmentHashes h : hashes) {
            try {
                h.update(flush);
            } catch (IOException e) {
                LOG.warnf("transcoder %s: could not publish segment hashes: %s", name, e.getMessage());
            }
        }
    }

    String name() {
        return name;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public TranscoderProgress progress() {
        return progress;
    }

    public MediaInput pacer() {
        return pacer;
    }

    public List<RenditionPlan> ladder() {
        return ladder;
    }

    public Path outputDir() {
        return outputDir;
    }

    private OutputStream acceptAudio(ServerSocket listener) throws IOException {
        try (listener) {
            listener.setSoTimeout(AUDIO_CONNECT_TIMEOUT_MILLIS);
            Socket socket = listener.accept();
            socket.setTcpNoDelay(true);
            socket.shutdownInput();
            return socket.getOutputStream();
        }
    }

    private void readProgress() {
        TranscoderProgress.Reader reader = new TranscoderProgress.Reader();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                TranscoderProgress next = reader.accept(line);
                if (next != null) {
                    progress = next;
                }
            }
        } catch (IOException e) {
            LOG.debugf("transcoder %s progress stream closed: %s", name, e.getMessage());
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed once accepted
        }
    }
}
