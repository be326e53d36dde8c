package org.defiancenetwork.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * What viewers poll every segment, made small: FFmpeg keeps the whole EVENT playlist on disk (it is
 * the recording), and while it has no EXT-X-ENDLIST viewers get only its last segments, with the
 * hashes of exactly those segments. Once it ends, the file itself is the answer. Answers are kept
 * until the file on disk changes, and a live playlist is read on from where the last read stopped
 * ({@link PlaylistTail}), so a new segment costs one small read however many viewers ask and
 * however long the broadcast has run.
 */
@Singleton
public class LiveMedia {

    /** Files larger than this are sent as they are, without being held in memory; live playlists never are. */
    static final long MAX_HELD_BYTES = 8L << 20;
    private static final long CACHE_BYTES = 64L << 20;
    private static final int CACHED_DIGESTS = 4096;
    private static final int FOLLOWED_PLAYLISTS = 256;
    private static final int READ_ATTEMPTS = 3;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)?");

    /** Identifies one version of a file: FFmpeg replaces playlists by renaming, which changes all three. */
    private record Version(Object fileKey, long size, long modifiedNanos) {
        static Version of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }

        Instant modified() {
            return Instant.EPOCH.plusNanos(modifiedNanos);
        }
    }

    /** A file's answer; {@code window} is set when the file is a live playlist. */
    private record Entry(Version version, TextAnswer answer, MediaPlaylist window) {
    }

    private final TranscoderConfig config;
    private final Map<Path, Entry> files = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Path, Entry> hashes = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Path, PlaylistTail> tails = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, PlaylistTail> eldest) {
            return size() > FOLLOWED_PLAYLISTS;
        }
    };
    private final Map<Path, String> digests = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, String> eldest) {
            return size() > CACHED_DIGESTS;
        }
    };
    private long heldBytes;

    LiveMedia(TranscoderConfig config) {
        this.config = config;
    }

    /**
     * A playlist or hash file as served: a live media playlist becomes its window, anything else is
     * the file's bytes. Empty when the file is gone or too large to hold.
     */
    public Optional<TextAnswer> file(Path file) throws IOException {
        return entry(file).map(Entry::answer);
    }

    /** hashes.json of a rendition whose playlist is live: the window's segments only. */
    public Optional<TextAnswer> liveHashes(Path playlist) throws IOException {
        Optional<Entry> source = entry(playlist);
        if (source.isEmpty() || source.get().window() == null) {
            return Optional.empty();
        }
        Entry live = source.get();
        synchronized (this) {
            Entry known = hashes.get(playlist);
            if (known != null && known.version().equals(live.version())) {
                return Optional.of(known.answer());
            }
        }
        StringBuilder json = new StringBuilder("{\"algorithm\":\"SHA-256\",\"segments\":{");
        boolean first = true;
        for (MediaPlaylist.Segment segment : live.window().segments()) {
            Optional<String> digest = digestOf(playlist.resolveSibling(segment.uri()), segment.uri());
            if (digest.isPresent()) {
                json.append(first ? "" : ",").append('"').append(segment.uri()).append("\":\"").append(digest.get()).append('"');
                first = false;
            }
        }
        TextAnswer answer = new TextAnswer(json.append("}}").toString().getBytes(StandardCharsets.UTF_8),
                live.version().modified());
        remember(hashes, playlist, new Entry(live.version(), answer, null));
        return Optional.of(answer);
    }

    private Optional<Entry> entry(Path file) throws IOException {
        boolean playlist = file.getFileName().toString().endsWith(".m3u8");
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Version before;
            try {
                before = Version.of(file);
            } catch (IOException vanished) {
                return Optional.empty();
            }
            synchronized (this) {
                Entry known = files.get(file);
                if (known != null && known.version().equals(before)) {
                    return Optional.of(known);
                }
            }
            Optional<Entry> made = playlist ? window(file, before) : Optional.empty();
            if (made.isEmpty()) {
                if (before.size() > MAX_HELD_BYTES) {
                    return Optional.empty();
                }
                made = Optional.of(new Entry(before, new TextAnswer(Files.readAllBytes(file), before.modified()), null));
            }
            if (!Version.of(file).equals(before)) {
                continue; // replaced while we read it: what we read may belong to either version
            }
            remember(files, file, made.get());
            return made;
        }
        return Optional.empty();
    }

    /** The live window of a playlist, read from where the last read stopped; empty once it has ended. */
    private Optional<Entry> window(Path file, Version version) throws IOException {
        PlaylistTail tail;
        synchronized (this) {
            tail = tails.computeIfAbsent(file, f -> new PlaylistTail(keptSegments()));
        }
        MediaPlaylist playlist;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            playlist = tail.read(channel);
        } catch (RuntimeException notOurs) {
            playlist = null; // a playlist this node did not write the way it expects: served as it is
        }
        if (playlist == null || !playlist.isLive()) {
            synchronized (this) {
                tails.remove(file);
            }
            return Optional.empty();
        }
        MediaPlaylist window = playlist.window(config.liveWindowSegments());
        return Optional.of(new Entry(version, new TextAnswer(window.toLive().getBytes(StandardCharsets.UTF_8),
                version.modified()), window));
    }

    /** Enough for the window even when it must grow to three target durations of short segments. */
    private int keptSegments() {
        return 2 * config.liveWindowSegments() + 256;
    }

    private synchronized void remember(Map<Path, Entry> cache, Path key, Entry entry) {
        Entry old = cache.put(key, entry);
        heldBytes += entry.answer().length() - (old == null ? 0 : old.answer().length());
        evict(files);
        evict(hashes);
    }

    private void evict(Map<Path, Entry> cache) {
        Iterator<Entry> eldest = cache.values().iterator();
        while (heldBytes > CACHE_BYTES && eldest.hasNext()) {
            heldBytes -= eldest.next().answer().length();
            eldest.remove();
        }
    }

    /** Segments are complete and never change once listed, so each is hashed once. */
    private Optional<String> digestOf(Path segment, String uri) throws IOException {
        if (!PLAIN_NAME.matcher(uri).matches()) {
            return Optional.empty();
        }
        synchronized (this) {
            String known = digests.get(segment);
            if (known != null) {
                return Optional.of(known);
            }
        }
        if (!Files.isRegularFile(segment)) {
            return Optional.empty();
        }
        String digest = SegmentHashes.sha256(segment);
        synchronized (this) {
            digests.put(segment, digest);
        }
        return Optional.of(digest);
    }
}
