package org.defiancenetwork.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.defiancenetwork.media.api.MediaLayout;

/**
 * Publishes the SHA-256 of every segment of a rendition as {@code hashes.json} beside its playlist,
 * so a viewer can check a segment that came from another viewer before playing it. Only segments
 * listed in the playlist are hashed: FFmpeg lists a segment once it is complete.
 */
public final class SegmentHashes {

    public static final String FILE = "hashes.json";

    private final Path renditionDir;
    private final Map<String, String> known = new LinkedHashMap<>();

    public SegmentHashes(Path renditionDir) {
        this.renditionDir = renditionDir;
    }

    /** Hashes segments that appeared since the last call; rewrites hashes.json when there were any. */
    public synchronized int update() throws IOException {
        Path playlist = renditionDir.resolve(MediaLayout.RENDITION_PLAYLIST);
        if (!Files.isRegularFile(playlist)) {
            return 0;
        }
        int added = 0;
        for (MediaPlaylist.Segment segment : MediaPlaylist.parse(Files.readString(playlist)).segments()) {
            if (!known.containsKey(segment.uri())) {
                Path file = renditionDir.resolve(segment.uri());
                if (Files.isRegularFile(file)) {
                    known.put(segment.uri(), sha256(file));
                    added++;
                }
            }
        }
        if (added > 0) {
            write();
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
