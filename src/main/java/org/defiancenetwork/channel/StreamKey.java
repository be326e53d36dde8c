package org.defiancenetwork.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.defiancenetwork.platform.Ids;

/**
 * A broadcaster's secret for WHIP ingest. 192 random bits, so a plain SHA-256 is enough to store
 * it: unlike a password, it cannot be guessed from a dictionary.
 */
public final class StreamKey {

    private static final String PREFIX = "live_";

    private StreamKey() {
    }

    /** A new key from the node's random source. */
    public static String generate(Ids ids) {
        return PREFIX + ids.token(24);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Constant-time, so response timing says nothing about how much of a key was right. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
