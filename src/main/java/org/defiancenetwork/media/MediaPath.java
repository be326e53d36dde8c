package org.defiancenetwork.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the part of a URL after /media/ into a file under the media root, or nothing. Only plain
 * names are accepted (no dot segments, no percent-escapes, no hidden files), only known media
 * types are served, and the real path must stay under the root, so symlinks cannot lead out.
 */
public final class MediaPath {

    /** A file that may be served; mutable ones (playlists, segment hashes) change while live. */
    public record Resolved(Path file, String contentType, boolean mutable) {
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)?");
    private static final int MAX_DEPTH = 3;

    private static final Map<String, String> TYPES = Map.of(
            "m3u8", "application/vnd.apple.mpegurl",
            "ts", "video/mp2t",
            "m4s", "video/iso.segment",
            "mp4", "video/mp4",
            "aac", "audio/aac",
            "jpg", "image/jpeg",
            "vtt", "text/vtt; charset=utf-8",
            "json", "application/json");

    private MediaPath() {
    }

    public static Optional<Resolved> resolve(Path root, String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 200) {
            return Optional.empty();
        }
        String[] segments = relative.split("/", -1);
        if (segments.length < 2 || segments.length > MAX_DEPTH) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        String name = segments[segments.length - 1];
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        Path candidate = root.resolve(relative).normalize();
        try {
            if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path realRoot = root.toRealPath();
            if (!candidate.toRealPath().startsWith(realRoot)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(candidate, type, name.endsWith(".m3u8") || name.endsWith(".json")));
    }
}
