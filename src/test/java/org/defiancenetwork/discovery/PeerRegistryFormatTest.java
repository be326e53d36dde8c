package org.defiancenetwork.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PeerRegistryFormatTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheOriginalsRegistryAndSkipsTheLibp2pOnlyEntryWithAWarning() throws Exception {
        PeerRegistryFormat.Parsed parsed = PeerRegistryFormat.read(json, fixture("/discovery/peer-registry.json"));

        assertEquals("1.0", parsed.version());
        assertEquals(Optional.of(Instant.parse("2025-03-14T09:26:53Z")), parsed.lastUpdated());
        assertEquals(3, parsed.nodes().size());
        PeerRegistryFormat.Entry first = parsed.nodes().get(0);
        assertEquals("12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo", first.peerId());
        assertEquals(URI.create("https://bootstrap-1.defiance.network"), first.baseUrl());
        assertEquals("us-east", first.region());
        assertEquals(List.of("relay", "streaming", "storage"), first.capabilities());
        assertEquals(Optional.of(0.98), first.reliability());
        assertEquals(URI.create("https://eu.defiance.network"), parsed.nodes().get(1).baseUrl());
        assertEquals(Optional.of(Instant.parse("2025-03-14T07:59:12Z")), parsed.nodes().get(1).lastSeen(),
                "an RFC 3339 offset is honoured");
        assertEquals(URI.create("http://198.51.100.23:8080"), parsed.nodes().get(2).baseUrl());
        assertEquals(List.of("bootstrap_nodes[3].multiaddr '/ip4/203.0.113.7/udp/4001/quic' uses /udp where /tcp is needed:"
                + " nodes speak HTTP over TCP; entry skipped"), parsed.warnings());
    }

    @Test
    void refusesWhatIsNotJsonWithLineAndColumn() {
        PeerRegistryFormat.Invalid e = assertThrows(PeerRegistryFormat.Invalid.class,
                () -> read("{\n  \"version\": \"1.0\",\n  \"bootstrap_nodes\": [ oops ]\n}"));
        assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("at line 3, column 24"), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotRegistriesSayingWhy() {
        assertEquals("the file is empty", invalid(""));
        assertEquals("the top level is a JSON array, not an object", invalid("[]"));
        assertEquals("version is missing or not a string; expected \"1.0\"", invalid("{\"bootstrap_nodes\": []}"));
        assertEquals("version is \"2.0\"; this node reads version 1.x", invalid("{\"version\": \"2.0\", \"bootstrap_nodes\": []}"));
        assertEquals("bootstrap_nodes is missing", invalid("{\"version\": \"1.0\"}"));
        assertEquals("bootstrap_nodes is a object, not a list", invalid("{\"version\": \"1.0\", \"bootstrap_nodes\": {}}"));
        assertEquals("last_updated 'yesterday' is not an RFC 3339 time such as 2024-05-01T12:00:00Z",
                invalid("{\"version\": \"1.0\", \"last_updated\": \"yesterday\", \"bootstrap_nodes\": []}"));
    }

    @Test
    void skipsUnusableEntriesNamingEachAndKeepsTheRest() throws Exception {
        PeerRegistryFormat.Parsed parsed = PeerRegistryFormat.read(json, ("{\"version\": \"1.0\", \"last_updated\": \"2025-01-01T00:00:00Z\","
                + "\"bootstrap_nodes\": ["
                + "{\"multiaddr\": \"https://a.example\"},"
                + "{\"peer_id\": \"b\", \"multiaddr\": \"ftp://b.example\"},"
                + "{\"peer_id\": \"c\", \"multiaddr\": \"/ip4/1.2.3.4/tcp/99999/http\"},"
                + "\"not an object\","
                + "{\"peer_id\": \"d\", \"multiaddr\": \"https://d.example\", \"reliability_score\": 1.5, \"last_seen\": 12}"
                + "]}").getBytes(StandardCharsets.UTF_8));

        assertEquals(1, parsed.nodes().size());
        assertEquals("d", parsed.nodes().get(0).peerId());
        assertEquals(Optional.empty(), parsed.nodes().get(0).reliability());
        assertEquals(List.of(
                "bootstrap_nodes[0].peer_id is missing or empty; entry skipped",
                "bootstrap_nodes[1].multiaddr 'ftp://b.example' is neither an http(s) URL nor a multiaddr (/dns4|ip4/<host>/tcp/<port>/http(s)); entry skipped",
                "bootstrap_nodes[2].multiaddr port '99999' in '/ip4/1.2.3.4/tcp/99999/http' is not between 1 and 65535; entry skipped",
                "bootstrap_nodes[3]: is a string, not an object; entry skipped",
                "bootstrap_nodes[4].last_seen is not a string; expected an RFC 3339 time such as 2024-05-01T12:00:00Z; ignored",
                "bootstrap_nodes[4].reliability_score 1.5 is not a number from 0 to 1; ignored"), parsed.warnings());
    }

    @Test
    void warnsOfAMissingUpdateTimeAndAMinorVersion() throws Exception {
        PeerRegistryFormat.Parsed parsed = PeerRegistryFormat.read(json,
                "{\"version\": \"1.2\", \"bootstrap_nodes\": []}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("version is \"1.2\", read as 1.0", "last_updated is missing"), parsed.warnings());
    }

    private String invalid(String text) {
        return assertThrows(PeerRegistryFormat.Invalid.class, () -> read(text)).getMessage();
    }

    private PeerRegistryFormat.Parsed read(String text) throws PeerRegistryFormat.Invalid {
        return PeerRegistryFormat.read(json, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = PeerRegistryFormatTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
