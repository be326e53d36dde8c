package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;

import org.defiancenetwork.platform.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Who may cast in each mode, which addresses count as devices, which interfaces discovery uses. */
class CastRulesTest {

    private static final SecurityIdentity STRANGER = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
    private static final SecurityIdentity ACCOUNT = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("viewer")).addRole(Roles.BROADCASTER).build();
    private static final SecurityIdentity ADMIN = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("operator")).addRole(Roles.BROADCASTER).addRole(Roles.ADMIN).build();

    @Test
    void eachAllowedModeAdmitsExactlyItsPeople() {
        assertFalse(CastAccess.allows(CastConfig.Allowed.ADMINS, STRANGER));
        assertFalse(CastAccess.allows(CastConfig.Allowed.ADMINS, ACCOUNT));
        assertTrue(CastAccess.allows(CastConfig.Allowed.ADMINS, ADMIN));
        assertFalse(CastAccess.allows(CastConfig.Allowed.ACCOUNTS, STRANGER));
        assertTrue(CastAccess.allows(CastConfig.Allowed.ACCOUNTS, ACCOUNT));
        assertTrue(CastAccess.allows(CastConfig.Allowed.ACCOUNTS, ADMIN));
        assertTrue(CastAccess.allows(CastConfig.Allowed.EVERYONE, STRANGER));
        assertTrue(CastAccess.allows(CastConfig.Allowed.EVERYONE, ACCOUNT));
    }

    @Test
    void devicesMustBeOnALocalNetwork() {
        assertEquals("192.168.1.20", DeviceAddress.parse(" 192.168.1.20 ", null, Protocol.CHROMECAST).host());
        assertEquals(8009, DeviceAddress.parse("192.168.1.20", null, Protocol.CHROMECAST).port());
        assertEquals(1900, DeviceAddress.parse("10.1.2.3", null, Protocol.DLNA).port());
        DeviceAddress described = DeviceAddress.parse("http://10.1.2.3:49494/description.xml", null, Protocol.DLNA);
        assertEquals(49494, described.port());
        assertEquals("/description.xml", described.description().getPath());
        assertEquals("fd00:0:0:0:0:0:0:5", DeviceAddress.parse("[fd00::5]", 8009, Protocol.CHROMECAST).host());

        assertRefused("is not on a local network", "8.8.8.8", null, Protocol.CHROMECAST);
        assertRefused("this machine itself", "127.0.0.1", null, Protocol.CHROMECAST);
        assertRefused("this machine itself", "0.0.0.0", null, Protocol.DLNA);
        assertRefused("is not on a local network", "239.255.255.250", null, Protocol.DLNA);
        assertRefused("port must be between 1 and 65535", "192.168.1.20", 70000, Protocol.CHROMECAST);
        assertRefused("address is required", "  ", null, Protocol.CHROMECAST);
        assertRefused("protocol must be", "192.168.1.20", null, null);
        assertRefused("only taken for DLNA", "http://192.168.1.20/", null, Protocol.CHROMECAST);
        assertRefused("must be an IP address or host name", "192.168.1.20/admin", null, Protocol.CHROMECAST);
        assertRefused("does not resolve", "no-such-device.invalid", null, Protocol.CHROMECAST);
    }

    @Test
    void interfacePatternsMatchNamesAndPrefixes() {
        assertTrue(InterfaceSelection.matches(Optional.empty(), "eth0"));
        assertTrue(InterfaceSelection.matches(Optional.of(List.of("eth0", "wlan0")), "wlan0"));
        assertFalse(InterfaceSelection.matches(Optional.of(List.of("eth0")), "eth1"));
        assertTrue(InterfaceSelection.matches(Optional.of(List.of("dfc*")), "dfc1234h"));
        assertFalse(InterfaceSelection.matches(Optional.of(List.of("dfc*")), "eth0"));
    }

    private static void assertRefused(String why, String address, Integer port, Protocol protocol) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> DeviceAddress.parse(address, port, protocol), address);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
