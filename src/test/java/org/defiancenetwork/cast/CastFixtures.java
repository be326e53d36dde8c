package org.defiancenetwork.cast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.defiancenetwork.channel.Account;
import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.Recordings;
import org.defiancenetwork.platform.Roles;
import org.defiancenetwork.testing.WebSession;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What cast tests need on the node: an admin, a recording made by FFmpeg and the node's own recorder, an audio file. */
final class CastFixtures {

    static final String PASSWORD = "a long passphrase";

    private CastFixtures() {
    }

    /** A signed-in account promoted to admin (the first account of the shared test node may be someone else's). */
    static WebSession admin() {
        return admin("a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    /** An admin account with this name and the password {@value #PASSWORD}. */
    static WebSession admin(String name) {
        WebSession session = WebSession.signUp(name, PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.findByUsername(name);
            account.roles = Account.BROADCASTER + "," + Roles.ADMIN;
        });
        session.signIn(name, PASSWORD);
        return session;
    }

    static WebSession account() {
        return WebSession.signUp("v" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), PASSWORD);
    }

    static String broadcastId() {
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = alphabet[ThreadLocalRandom.current().nextInt(alphabet.length)];
        }
        return new String(id);
    }

    /**
     * An ended broadcast with a recording of {@code seconds}: HLS segments written by FFmpeg where the
     * transcoder would write them, then finished by the node's own {@link Recordings}.
     */
    static String recording(MediaLayout layout, Recordings recordings, String title, int seconds) throws Exception {
        String id = broadcastId();
        Path source = Files.createDirectories(layout.broadcastDir(id).resolve("source"));
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "event",
                "-hls_segment_filename", source.resolve("seg%05d.ts").toString(), source.resolve("index.m3u8").toString());
        Recordings.Recording recording = recordings.finish(id, List.of("source")).orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = new Channel();
            channel.slug = "cast-" + id.substring(0, 8);
            channel.title = "Cast channel " + id.substring(0, 4);
            channel.createdAt = Instant.now();
            channel.persist();
            Broadcast b = new Broadcast();
            b.id = id;
            b.channelId = channel.id;
            b.title = title;
            b.state = BroadcastState.ENDED;
            b.createdAt = Instant.now().minus(Duration.ofMinutes(5));
            b.startedAt = b.createdAt;
            b.endedAt = Instant.now();
            b.renditions = "source";
            b.recording = recording.playlist();
            b.durationMs = recording.durationMs();
            b.persist();
        });
        return id;
    }

    /** An AAC audio file of {@code seconds} (audio/mp4) served by the node under /media, as a catalogue's cache would. */
    static String audioFile(MediaLayout layout, int seconds) throws Exception {
        String dir = broadcastId();
        Path file = Files.createDirectories(layout.broadcastDir(dir)).resolve("tone.mp4");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100", "-t", Integer.toString(seconds),
                "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", file.toString());
        return MediaLayout.url(dir, "tone.mp4");
    }

    private static void ffmpeg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + out);
        }
    }

    static Map<String, Object> json(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
