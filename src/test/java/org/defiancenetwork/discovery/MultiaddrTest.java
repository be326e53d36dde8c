package org.defiancenetwork.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class MultiaddrTest {

    @Test
    void readsEveryDialableForm() {
        assertEquals(URI.create("https://node.example.org"), Multiaddr.toBaseUrl("/dns4/node.example.org/tcp/443/https"));
        assertEquals(URI.create("https://node.example.org:8443"), Multiaddr.toBaseUrl("/dns/node.example.org/tcp/8443/tls/http"));
        assertEquals(URI.create("http://node.example.org"), Multiaddr.toBaseUrl("/dns6/node.example.org/tcp/80/http"));
        assertEquals(URI.create("http://192.0.2.10:8080"), Multiaddr.toBaseUrl("/ip4/192.0.2.10/tcp/8080/http"));
        assertEquals(URI.create("http://[2001:db8::1]:8080"), Multiaddr.toBaseUrl("/ip6/2001:db8::1/tcp/8080/http"));
        assertEquals(URI.create("https://192.0.2.10"),
                Multiaddr.toBaseUrl("/ip4/192.0.2.10/tcp/443/https/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo"));
    }

    @Test
    void readsPlainUrlsWithoutTrailingSlashesKeepingAPathPrefix() {
        assertEquals(URI.create("https://node.example.org"), Multiaddr.toBaseUrl("https://Node.Example.org/"));
        assertEquals(URI.create("http://127.0.0.1:8080"), Multiaddr.toBaseUrl("http://127.0.0.1:8080"));
        assertEquals(URI.create("https://example.org/defiance"), Multiaddr.toBaseUrl("https://example.org/defiance/"));
    }

    @Test
    void refusesWhatCannotBeDialledOverHttpSayingWhy() {
        assertEquals("is empty", refused(""));
        assertEquals("'node.example.org' is neither an http(s) URL nor a multiaddr (/dns4|ip4/<host>/tcp/<port>/http(s))", refused("node.example.org"));
        assertEquals("'/ip4/192.0.2.10/tcp/4001' is too short: expected /<dns4|dns6|dns|ip4|ip6>/<host>/tcp/<port>/<http|https>", refused("/ip4/192.0.2.10/tcp/4001"));
        assertEquals("'/ip4/192.0.2.10/udp/4001/quic' uses /udp where /tcp is needed: nodes speak HTTP over TCP", refused("/ip4/192.0.2.10/udp/4001/quic"));
        assertEquals("'300.1.1.1' in '/ip4/300.1.1.1/tcp/80/http' is not an IPv4 address", refused("/ip4/300.1.1.1/tcp/80/http"));
        assertEquals("'node_1' in '/dns4/node_1/tcp/80/http' is not a DNS name", refused("/dns4/node_1/tcp/80/http"));
        assertEquals("'/unix/tmp/tcp/80/http' starts with /unix; expected /dns4, /dns6, /dns, /ip4 or /ip6", refused("/unix/tmp/tcp/80/http"));
        assertEquals("port '0' in '/ip4/192.0.2.10/tcp/0/http' is not between 1 and 65535", refused("/ip4/192.0.2.10/tcp/0/http"));
        assertEquals("'/ip4/192.0.2.10/tcp/4001/ws' has /ws after the port; expected /http, /https or /tls/http", refused("/ip4/192.0.2.10/tcp/4001/ws"));
        assertEquals("'/ip4/192.0.2.10/tcp/80/http/extra' continues after /http with '/extra'; only /p2p/<id> may follow",
                refused("/ip4/192.0.2.10/tcp/80/http/extra"));
        assertEquals("'https://example.org/?x=1' must be a plain base URL, without query, fragment or credentials", refused("https://example.org/?x=1"));
    }

    private static String refused(String address) {
        return assertThrows(Multiaddr.Invalid.class, () -> Multiaddr.toBaseUrl(address)).getMessage();
    }
}
