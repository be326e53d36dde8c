package org.defiancenetwork.platform.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single byte range of a Range header (RFC 9110 §14.1.2), resolved against a file length. */
public record ByteRange(long start, long endInclusive) {

    /** Thrown for a syntactically valid range that lies outside the file: answer 416. */
    public static final class Unsatisfiable extends Exception {
        public Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * Empty when the whole file should be sent: no header, a malformed or invalid one (such as
     * {@code bytes=5-1}), or several ranges (which the RFC lets a server ignore).
     */
    public static Optional<ByteRange> parse(String header, long length) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || length == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long start = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start) {
                // last before first: an invalid range, and so an invalid header, which RFC 9110 §14.2 says to ignore
                return Optional.empty();
            }
            long end = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            if (start >= length) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException tooLarge) {
            throw new Unsatisfiable();
        }
    }

    public long length() {
        return endInclusive - start + 1;
    }

    public String contentRange(long total) {
        return "bytes " + start + "-" + endInclusive + "/" + total;
    }
}
