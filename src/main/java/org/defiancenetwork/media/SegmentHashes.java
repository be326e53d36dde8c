package org.defiancenetwork.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.defiancenetwork.media.api.MediaLayout;

/**
 * Keeps the SHA-256 of every segment of a rendition and writes them as {@code hashes.json} beside
 * its playlist: the record a finished broadcast's segments are checked against. Only segments
 * listed in the playlist are hashed: FFmpeg lists a segment once it is complete. While the
 * broadcast is live, viewers get the hashes of the live window from {@link LiveMedia} instead, so
 * the file is written once the playlist has ended (or on {@link #update(boolean) flush}), not
 * rewritten whole for every new segment of a long broadcast.
 */
public final class SegmentHashes {

    public static final String FILE = "hashes.json";

    private final Path renditionDir;
    private final Map<String, String> known = new LinkedHashMap<>();
    private final List<MediaPlaylist.Segment> listed = new ArrayList<>();
    private final PlaylistTail playlist = new PlaylistTail(1, listed::add);
    private boolean unwritten;

    public SegmentHashes(Path renditionDir) {
        this.renditionDir = renditionDir;
    }

    /** Hashes segments listed since the last call; writes hashes.json once the playlist has ended. */
    public int update() throws IOException {
        return update(false);
    }

    /** As {@link #update()}, and with {@code flush} writes hashes.json even while the playlist is live. */
    public synchronized int update(boolean flush) throws IOException {
        Path file = renditionDir.resolve(MediaLayout.RENDITION_PLAYLIST);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        boolean ended;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ended = playlist.read(channel).ended();
        }
        int added = 0;
        for (MediaPlaylist.Segment segment : listed) {
            if (!known.containsKey(segment.uri())) {
                Path segmentFile = renditionDir.resolve(segment.uri());
                if (Files.isRegularFile(segmentFile)) {
                    known.put(segment.uri(), sha256(segmentFile));
                    added++;
                }
            }
        }
        listed.removeIf(segment -> known.containsKey(segment.uri())); // the rest is looked for again next time
        unwritten |= added > 0;
        if (unwritten && (ended || flush)) {
            write();
            unwritten = false;
        }
        return added;
    }

    public synchronized Map<String, String> known() {
        return Map.copyOf(known);
    }

    private void write() throws IOException {
        String entries = known.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        Path target = renditionDir.resolve(FILE);
        Path tmp = renditionDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, "{\"algorithm\":\"SHA-256\",\"segments\":{" + entries + "}}");
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
