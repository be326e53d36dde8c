package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    @Test
    void followsCoturnsSharedSecretScheme() throws Exception {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        TurnCredentials.Credential c = TurnCredentials.mint("north", "peer-1", now, Duration.ofHours(1));
        assertEquals("1700003600:peer-1", c.username());
        assertEquals(now.plusSeconds(3600), c.expires());
        // the credential computed independently with the JDK's HMAC-SHA1
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("north".getBytes(), "HmacSHA1"));
        assertEquals(java.util.Base64.getEncoder().encodeToString(mac.doFinal("1700003600:peer-1".getBytes())), c.credential());
        assertEquals(28, c.credential().length());
    }
}
