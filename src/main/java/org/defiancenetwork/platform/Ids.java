package org.defiancenetwork.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The node's one source of unguessable identifiers and secrets. A bean rather than a static
 * field: a SecureRandom created while the native image is built would be frozen into the
 * executable and hand every node the same sequence.
 */
@ApplicationScoped
public class Ids {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final SecureRandom random = new SecureRandom();

    /** 16 lower-case base32 characters: 80 random bits, safe in paths and file names (broadcast ids). */
    public String broadcast() {
        return base32(16);
    }

    /** Lower-case base32 of the given length: 5 random bits per character. */
    public String base32(int length) {
        char[] id = new char[length];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }

    /** 128 random bits, URL-safe (session and capability URLs). */
    public String session() {
        return token(16);
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public String token(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    public byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** For choices that must not be predictable by a peer (neighbour choice, jitter). */
    public Random random() {
        return random;
    }
}
