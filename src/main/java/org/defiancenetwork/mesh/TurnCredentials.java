package org.defiancenetwork.mesh;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials for coturn's shared-secret mode ("TURN REST API",
 * draft-uberti-behave-turn-rest): username = expiry:user, credential = base64(HMAC-SHA1(secret, username)).
 * The secret never leaves the node; a leaked credential stops working at its expiry.
 */
public final class TurnCredentials {

    public record Credential(String username, String credential, Instant expires) {
    }

    private TurnCredentials() {
    }

    public static Credential mint(String secret, String user, Instant now, Duration lifetime) {
        Instant expires = now.plus(lifetime);
        String username = expires.getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String credential = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new Credential(username, credential, expires);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
