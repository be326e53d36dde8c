package org.defiancenetwork.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads registries in the original's format. A file that cannot be a registry (not JSON, another
 * major version, no {@code bootstrap_nodes} list) is refused as a whole with the reason; a single
 * unusable entry is skipped with a warning naming it ({@code bootstrap_nodes[3].multiaddr: ...}),
 * so one bad line in a community list does not cost the rest. Registries in the wild carry more
 * than the format says; unknown members are ignored.
 */
public final class PeerRegistryFormat {

    /** A node a registry lists, ready to be probed. */
    public record Entry(String peerId, URI baseUrl, String region, List<String> capabilities, Optional<Instant> lastSeen,
            Optional<Double> reliability) {
    }

    /** A readable registry: its usable entries, and what was skipped or odd, each in one line. */
    public record Parsed(String version, Optional<Instant> lastUpdated, List<Entry> nodes, List<String> warnings) {
    }

    /** The file is not a registry this node can read; {@link #getMessage()} says precisely why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final int MAX_NODES = 10_000;

    private PeerRegistryFormat() {
    }

    public static Parsed read(ObjectMapper json, byte[] bytes) throws Invalid {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new Invalid("unreadable: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new Invalid("the file is empty");
        }
        if (!root.isObject()) {
            throw new Invalid("the top level is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object");
        }
        List<String> warnings = new ArrayList<>();
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual()) {
            throw new Invalid("version is missing or not a string; expected \"" + PeerRegistry.VERSION + "\"");
        }
        String v = version.textValue();
        if (!v.equals("1") && !v.startsWith("1.")) {
            throw new Invalid("version is \"" + v + "\"; this node reads version 1.x");
        }
        if (!v.equals(PeerRegistry.VERSION)) {
            warnings.add("version is \"" + v + "\", read as " + PeerRegistry.VERSION);
        }
        Optional<Instant> lastUpdated = Optional.empty();
        JsonNode updated = root.get("last_updated");
        if (updated == null) {
            warnings.add("last_updated is missing");
        } else {
            lastUpdated = Optional.of(time(updated, "last_updated"));
        }
        JsonNode nodes = root.get("bootstrap_nodes");
        if (nodes == null) {
            throw new Invalid("bootstrap_nodes is missing");
        }
        if (!nodes.isArray()) {
            throw new Invalid("bootstrap_nodes is a " + nodes.getNodeType().name().toLowerCase() + ", not a list");
        }
        if (nodes.size() > MAX_NODES) {
            throw new Invalid("bootstrap_nodes has " + nodes.size() + " entries, more than the " + MAX_NODES + " read");
        }
        JsonNode regions = root.get("regions");
        if (regions != null && !regions.isObject()) {
            warnings.add("regions is not an object; ignored");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "bootstrap_nodes[" + i + "]";
            try {
                entries.add(entry(nodes.get(i), at, warnings));
            } catch (Invalid skipped) {
                warnings.add(at + skipped.getMessage() + "; entry skipped");
            }
        }
        return new Parsed(v, lastUpdated, List.copyOf(entries), List.copyOf(warnings));
    }

    private static Entry entry(JsonNode node, String at, List<String> warnings) throws Invalid {
        if (!node.isObject()) {
            throw new Invalid(": is a " + node.getNodeType().name().toLowerCase() + ", not an object");
        }
        JsonNode peerId = node.get("peer_id");
        if (peerId == null || !peerId.isTextual() || peerId.textValue().isBlank()) {
            throw new Invalid(".peer_id is missing or empty");
        }
        if (peerId.textValue().length() > 200) {
            throw new Invalid(".peer_id is longer than 200 characters");
        }
        JsonNode address = node.get("multiaddr");
        if (address == null || !address.isTextual()) {
            throw new Invalid(".multiaddr is missing or not a string");
        }
        URI base;
        try {
            base = Multiaddr.toBaseUrl(address.textValue());
        } catch (Multiaddr.Invalid e) {
            throw new Invalid(".multiaddr " + e.getMessage());
        }
        String region = null;
        JsonNode r = node.get("region");
        if (r != null && !r.isNull()) {
            if (r.isTextual()) {
                region = r.textValue();
            } else {
                warnings.add(at + ".region is not a string; ignored");
            }
        }
        List<String> capabilities = new ArrayList<>();
        JsonNode caps = node.get("capabilities");
        if (caps != null && !caps.isNull()) {
            if (!caps.isArray()) {
                warnings.add(at + ".capabilities is not a list; ignored");
            } else {
                for (JsonNode c : caps) {
                    if (c.isTextual()) {
                        capabilities.add(c.textValue());
                    } else {
                        warnings.add(at + ".capabilities holds a " + c.getNodeType().name().toLowerCase() + "; ignored");
                    }
                }
            }
        }
        Optional<Instant> lastSeen = Optional.empty();
        JsonNode seen = node.get("last_seen");
        if (seen != null && !seen.isNull()) {
            try {
                lastSeen = Optional.of(time(seen, at + ".last_seen"));
            } catch (Invalid e) {
                warnings.add(e.getMessage() + "; ignored");
            }
        }
        Optional<Double> reliability = Optional.empty();
        JsonNode score = node.get("reliability_score");
        if (score != null && !score.isNull()) {
            if (!score.isNumber() || score.doubleValue() < 0 || score.doubleValue() > 1) {
                warnings.add(at + ".reliability_score " + score + " is not a number from 0 to 1; ignored");
            } else {
                reliability = Optional.of(score.doubleValue());
            }
        }
        return new Entry(peerId.textValue(), base, region, List.copyOf(capabilities), lastSeen, reliability);
    }

    private static Instant time(JsonNode value, String at) throws Invalid {
        if (!value.isTextual()) {
            throw new Invalid(at + " is not a string; expected an RFC 3339 time such as 2024-05-01T12:00:00Z");
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(at + " '" + value.textValue() + "' is not an RFC 3339 time such as 2024-05-01T12:00:00Z");
        }
    }
}
