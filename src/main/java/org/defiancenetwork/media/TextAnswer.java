package org.defiancenetwork.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A playlist or hash file as it is answered: its bytes, a strong validator drawn from the bytes
 * (RFC 9110 §8.8.3), the time it last changed, and a gzip version made once when first wanted.
 * Viewers poll these files every segment, so an unchanged one costs a 304 and a changed one a
 * compressed body.
 */
public final class TextAnswer {

    private static final String GZIP_TAG_SUFFIX = "-gz";

    private final byte[] identity;
    private final String etag;
    private final Instant modified;
    private volatile byte[] gzip;

    public TextAnswer(byte[] identity, Instant modified) {
        this.identity = identity;
        this.modified = modified;
        this.etag = "\"" + HexFormat.of().formatHex(sha256(identity), 0, 12) + "\"";
    }

    public byte[] body(boolean gzipped) {
        return gzipped ? gzip() : identity;
    }

    public int length() {
        return identity.length;
    }

    /** Each content coding is its own representation, so it gets its own entity tag (RFC 9110 §8.8.3). */
    public String etag(boolean gzipped) {
        return gzipped ? etag.substring(0, etag.length() - 1) + GZIP_TAG_SUFFIX + "\"" : etag;
    }

    /**
     * Last-Modified, or null while the second it names is not over: HTTP dates have whole seconds,
     * and a playlist that changes twice a second would otherwise answer 304 to a client that already
     * holds the older of two versions from the same second.
     */
    public String lastModified(Instant now) {
        Instant second = modified.truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(second.plusSeconds(1))) {
            return null;
        }
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(second, ZoneOffset.UTC));
    }

    /**
     * Whether the client's copy is current (RFC 9110 §13.1.2, §13.1.3): If-None-Match with the weak
     * comparison, either coding's tag, or "*"; If-Modified-Since only when there is no If-None-Match.
     */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince, Instant now) {
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(etag) || tag.equals(etag(true))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince == null || lastModified(now) == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException malformed) {
            return false;
        }
    }

    /** Whether an Accept-Encoding header (RFC 9110 §12.5.3) admits gzip: named or "*", with q above 0. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException malformed) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }

    private byte[] gzip() {
        byte[] done = gzip;
        if (done == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 4 + 64);
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(identity);
            } catch (IOException inMemory) {
                throw new UncheckedIOException(inMemory);
            }
            done = out.toByteArray();
            gzip = done;
        }
        return done;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
