package org.defiancenetwork.media.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.FfmpegConfig;
import org.defiancenetwork.media.MediaPlaylist;
import org.defiancenetwork.media.SegmentHashes;
import org.jboss.logging.Logger;

/**
 * Turns what a broadcast left on disk into a recording: the top rendition's segments as a VOD
 * playlist, a poster, a duration. Works the same after a clean stop and after a crash, because it
 * only trusts segments that are listed and present.
 */
@ApplicationScoped
public class Recordings {

    private static final Logger LOG = Logger.getLogger(Recordings.class);

    /** A finished recording, relative to the broadcast's media folder. */
    public record Recording(String playlist, long durationMs, boolean poster) {
    }

    private final MediaLayout layout;
    private final FfmpegConfig ffmpeg;

    Recordings(MediaLayout layout, FfmpegConfig ffmpeg) {
        this.layout = layout;
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes recording.m3u8 and poster.jpg for a broadcast; empty when not one segment was written.
     * Live playlists left without EXT-X-ENDLIST (FFmpeg killed) are closed too, so players stop.
     */
    public Optional<Recording> finish(String broadcastId, List<String> renditions) {
        Path dir = layout.broadcastDir(broadcastId);
        for (String rendition : renditions) {
            closeLivePlaylist(dir.resolve(MediaLayout.renditionPlaylist(rendition)));
        }
        if (renditions.isEmpty()) {
            return Optional.empty();
        }
        String top = renditions.get(0);
        Path live = dir.resolve(MediaLayout.renditionPlaylist(top));
        if (!Files.isRegularFile(live)) {
            return Optional.empty();
        }
        try {
            Path renditionDir = live.getParent();
            MediaPlaylist playlist = MediaPlaylist.parse(Files.readString(live))
                    .retain(s -> isComplete(renditionDir.resolve(s.uri())));
            if (playlist.segments().isEmpty()) {
                return Optional.empty();
            }
            writeAtomically(dir.resolve(MediaLayout.RECORDING_PLAYLIST), playlist.toVod(top + "/"));
            new SegmentHashes(renditionDir).update();
            MediaPlaylist.Segment middle = playlist.segments().get(playlist.segments().size() / 2);
            boolean poster = grabPoster(renditionDir.resolve(middle.uri()), dir.resolve(MediaLayout.POSTER));
            return Optional.of(new Recording(MediaLayout.RECORDING_PLAYLIST, Math.round(playlist.totalSeconds() * 1000), poster));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "could not finish the recording of %s", broadcastId);
            return Optional.empty();
        }
    }

    private static boolean isComplete(Path segment) {
        try {
            return Files.isRegularFile(segment) && Files.size(segment) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeLivePlaylist(Path playlist) {
        try {
            if (Files.isRegularFile(playlist)) {
                String text = Files.readString(playlist);
                if (!MediaPlaylist.parse(text).ended()) {
                    writeAtomically(playlist, text.endsWith("\n") ? text + "#EXT-X-ENDLIST\n" : text + "\n#EXT-X-ENDLIST\n");
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not close %s: %s", playlist, e.getMessage());
        }
    }

    private boolean grabPoster(Path segment, Path poster) {
        try {
            Process p = new ProcessBuilder(ffmpeg.path(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-i", segment.toString(), "-frames:v", "1", "-q:v", "3", poster.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && Files.isRegularFile(poster);
        } catch (IOException e) {
            LOG.warnf("no poster for %s: %s", segment, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
