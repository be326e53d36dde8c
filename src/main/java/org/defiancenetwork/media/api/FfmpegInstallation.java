package org.defiancenetwork.media.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.FfmpegConfig;

/**
 * Finds out whether the configured FFmpeg can run, and which version it is. The answer is kept for
 * a short while because readiness probes ask often and spawning a process each time is wasteful.
 */
@ApplicationScoped
public class FfmpegInstallation {

    private static final Duration RECHECK_AFTER = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** What the last probe found: a version line, or why FFmpeg could not be used. */
    public record Probe(boolean available, String executable, String version, String problem, Instant probedAt) {
    }

    private final FfmpegConfig config;
    private volatile Probe last;

    FfmpegInstallation(FfmpegConfig config) {
        this.config = config;
    }

    public Probe probe() {
        Probe known = last;
        if (known != null && known.probedAt().plus(RECHECK_AFTER).isAfter(Instant.now())) {
            return known;
        }
        Probe fresh = run(config.path());
        last = fresh;
        return fresh;
    }

    public String executable() {
        return config.path();
    }

    private static Probe run(String executable) {
        Instant now = Instant.now();
        Process process;
        try {
            process = new ProcessBuilder(executable, "-hide_banner", "-version")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new Probe(false, executable, null, "FFmpeg not found at '" + executable
                    + "' (set defiance.ffmpeg.path or install ffmpeg): " + e.getMessage(), now);
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readNBytes(4096), StandardCharsets.UTF_8);
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Probe(false, executable, null, "'" + executable + " -version' did not finish", now);
            }
            String firstLine = text.lines().findFirst().orElse("").trim();
            if (process.exitValue() != 0 || !firstLine.startsWith("ffmpeg version")) {
                return new Probe(false, executable, null, "'" + executable
                        + "' is not a working FFmpeg (exit " + process.exitValue() + ": " + firstLine + ")", now);
            }
            String version = firstLine.substring("ffmpeg version".length()).trim().split("\\s+")[0];
            return new Probe(true, executable, version, null, now);
        } catch (IOException e) {
            process.destroyForcibly();
            return new Probe(false, executable, null, "could not read from '" + executable + "': " + e.getMessage(), now);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Probe(false, executable, null, "interrupted while probing FFmpeg", now);
        }
    }
}
