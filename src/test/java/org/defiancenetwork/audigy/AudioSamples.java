package org.defiancenetwork.audigy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real audio made by FFmpeg for the tests: sine tones as MP3, pink noise as AAC in MP4 (M4A). */
final class AudioSamples {

    private AudioSamples() {
    }

    /** A constant-bitrate MP3 sine tone. */
    static Path mp3(Path dir, String name, int seconds, int frequency, int kbps) throws IOException, InterruptedException {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "sine=frequency=" + frequency + ":sample_rate=44100:duration=" + seconds,
                "-ac", "1", "-c:a", "libmp3lame", "-b:a", kbps + "k");
    }

    /** Pink noise as AAC in an MP4 container. */
    static Path m4a(Path dir, String name, int seconds) throws IOException, InterruptedException {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.2:sample_rate=44100:duration=" + seconds,
                "-ac", "1", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart");
    }

    private static Path ffmpeg(Path target, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        command.addAll(List.of(args));
        command.add(target.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(target)) {
            throw new IOException("ffmpeg failed for " + target + ": " + output);
        }
        return target;
    }
}
