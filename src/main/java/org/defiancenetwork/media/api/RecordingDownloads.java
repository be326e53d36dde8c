package org.defiancenetwork.media.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.FfmpegConfig;
import org.jboss.logging.Logger;

/**
 * A recording as one MP4 file, for downloads and for renderers that cannot play HLS: the recording's
 * segments remuxed by FFmpeg ({@code -c copy}, nothing re-encoded) into {@value #FILE} beside the
 * playlist, made once on first request and kept.
 */
@ApplicationScoped
public class RecordingDownloads {

    public static final String FILE = "recording.mp4";
    public static final String CONTENT_TYPE = "video/mp4";
    private static final Logger LOG = Logger.getLogger(RecordingDownloads.class);
    private static final long REMUX_TIMEOUT_MINUTES = 10;

    private final MediaLayout layout;
    private final FfmpegConfig ffmpeg;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    RecordingDownloads(MediaLayout layout, FfmpegConfig ffmpeg) {
        this.layout = layout;
        this.ffmpeg = ffmpeg;
    }

    /** The download's address beside a recording's playlist URL (which may be on another node). */
    public static String urlBeside(String recordingPlaylistUrl) {
        int slash = recordingPlaylistUrl.lastIndexOf('/');
        return recordingPlaylistUrl.substring(0, slash + 1) + FILE;
    }

    /**
     * The MP4 of a finished recording, made now if it is not there yet; empty when the broadcast has
     * no recording on this node.
     */
    public Optional<Path> prepare(String broadcastId) throws IOException {
        Path dir = layout.broadcastDir(broadcastId);
        Path playlist = dir.resolve(MediaLayout.RECORDING_PLAYLIST);
        Path mp4 = dir.resolve(FILE);
        if (!Files.isRegularFile(playlist)) {
            return Optional.empty();
        }
        synchronized (locks.computeIfAbsent(broadcastId, k -> new Object())) {
            if (Files.isRegularFile(mp4) && Files.getLastModifiedTime(mp4).compareTo(Files.getLastModifiedTime(playlist)) >= 0) {
                return Optional.of(mp4);
            }
            remux(playlist, mp4);
            return Optional.of(mp4);
        }
    }

    private void remux(Path playlist, Path mp4) throws IOException {
        Path part = mp4.resolveSibling(FILE + ".part");
        // faststart puts the index first, so players and renderers can start before the end arrives.
        Process p = new ProcessBuilder(ffmpeg.path(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-i", playlist.toString(), "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", part.toString())
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(REMUX_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("FFmpeg took longer than " + REMUX_TIMEOUT_MINUTES + " minutes to remux " + playlist);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while remuxing " + playlist);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(part)) {
            Files.deleteIfExists(part);
            throw new IOException("FFmpeg could not remux " + playlist + " (exit " + p.exitValue() + "): " + output.strip());
        }
        Files.move(part, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("remuxed %s into %s (%d bytes)", playlist, mp4.getFileName(), Files.size(mp4));
    }
}
