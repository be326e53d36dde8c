package org.defiancenetwork.live;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for broadcasts (in public URLs) and ingest sessions (capability URLs). */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Ids() {
    }

    /** 16 lower-case base32 characters: 80 random bits, safe in paths and file names. */
    static String broadcast() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new String(id);
    }

    /** 128 random bits, URL-safe. */
    static String session() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
