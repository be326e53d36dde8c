package org.defiancenetwork.audigy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The media type of an audio file, told by its first bytes (origins often send octet-stream). */
final class AudioTypes {

    static final String DEFAULT = "audio/mpeg";

    private AudioTypes() {
    }

    static String sniff(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return DEFAULT;
        }
        return sniff(head, n);
    }

    static String sniff(byte[] b, int n) {
        String ascii = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("ID3") || (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0 && (b[1] & 0x06) != 0)) {
            return "audio/mpeg";
        }
        if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xf6) == 0xf0) {
            return "audio/aac";
        }
        if (n >= 8 && ascii.startsWith("ftyp", 4)) {
            return "audio/mp4";
        }
        if (ascii.startsWith("OggS")) {
            return "audio/ogg";
        }
        if (ascii.startsWith("fLaC")) {
            return "audio/flac";
        }
        if (ascii.startsWith("RIFF") && ascii.startsWith("WAVE", 8)) {
            return "audio/wav";
        }
        return DEFAULT;
    }

    /** A guess from a URL's file name, for feeds that point at origins the node has not fetched. */
    static String fromName(String uri) {
        String path = uri.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.endsWith(".m4a") || path.endsWith(".mp4") || path.endsWith(".m4b")) {
            return "audio/mp4";
        }
        if (path.endsWith(".aac")) {
            return "audio/aac";
        }
        if (path.endsWith(".ogg") || path.endsWith(".opus") || path.endsWith(".oga")) {
            return "audio/ogg";
        }
        if (path.endsWith(".flac")) {
            return "audio/flac";
        }
        if (path.endsWith(".wav")) {
            return "audio/wav";
        }
        return DEFAULT;
    }
}
