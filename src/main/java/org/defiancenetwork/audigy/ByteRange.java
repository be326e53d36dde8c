package org.defiancenetwork.audigy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One byte range of a Range header (RFC 9110 §14.1.2) resolved against a file's length. */
record ByteRange(long start, long endInclusive) {

    /** A valid range that lies outside the file: answer 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Empty for the whole file: no header, one we do not understand, or several ranges (RFC 9110 lets us ignore those). */
    static Optional<ByteRange> parse(String header, long length) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
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
            long end = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            if (start >= length || end < start) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException tooLarge) {
            throw new Unsatisfiable();
        }
    }

    long length() {
        return endInclusive - start + 1;
    }

    String contentRange(long total) {
        return "bytes " + start + "-" + endInclusive + "/" + total;
    }
}
