package org.defiancenetwork.discovery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.defiancenetwork.platform.net.UrlGuard;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Registry and descriptor addresses that lead into this machine or its networks are refused before
 * any connection is made, unless the operator allows private addresses.
 */
class PeerClientGuardTest {

    private static PeerClient client(boolean allowPrivate) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DiscoveryConfig.class)
                .withDefaultValue("defiance.discovery.allow-private-addresses", Boolean.toString(allowPrivate))
                .build();
        return new PeerClient(config.getConfigMapping(DiscoveryConfig.class), new ObjectMapper(), "test");
    }

    @Test
    void descriptorsAtPrivateAddressesAreRefused() {
        PeerClient client = client(false);
        for (String base : new String[] { "http://127.0.0.1:8080", "http://localhost:8080", "http://10.1.2.3",
                "http://192.168.0.10", "http://169.254.169.254", "http://[::1]:8080", "http://100.64.0.1",
                Multiaddr.toBaseUrl("/ip4/172.16.5.4/tcp/8080/http").toString() }) {
            UrlGuard.Refused e = assertThrows(UrlGuard.Refused.class, () -> client.probe(base, Instant.now()), base);
            assertTrue(e.getMessage().contains("private or local address"), e.getMessage());
        }
    }

    @Test
    void registriesAtPrivateAddressesAreRefusedAndSoAreOtherSchemes() {
        PeerClient client = client(false);
        UrlGuard.Refused e = assertThrows(UrlGuard.Refused.class,
                () -> client.registryAt("http://127.0.0.1:9/peer-registry.json", null));
        assertTrue(e.getMessage().contains("private or local address"), e.getMessage());
        assertThrows(UrlGuard.Refused.class, () -> client.registryAt("file:///etc/passwd", null));
        assertThrows(UrlGuard.Refused.class, () -> client.registryAt("http://user:secret@example.org/r.json", null));
    }

    @Test
    void theOperatorMayAllowPrivateAddressesForALan() throws Exception {
        assertTrue(client(true).guard().check("http://127.0.0.1:8080/.well-known/defiance/node").getHost().equals("127.0.0.1"));
    }
}
