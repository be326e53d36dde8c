package org.defiancenetwork.discovery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a node says about itself at {@code /.well-known/defiance/node}, signed with its key: who it
 * is (id derived from the key), where it lives, what it runs and offers, and when it said so.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDescriptor(String type, String id, String publicKey, String name, String baseUrl, String software,
        String version, List<String> capabilities, String region, String time, String signature) {

    public static final String TYPE = "defiance-node";
    public static final String PATH = "/.well-known/defiance/node";

    /** The unsigned document, ready for {@link SignedJson#sign}. */
    static ObjectNode unsigned(ObjectMapper json, String id, String publicKey, String name, String baseUrl,
            String version, List<String> capabilities, String region, Instant time) {
        return json.valueToTree(new NodeDescriptor(TYPE, id, publicKey, name, baseUrl, "defiance-network", version,
                capabilities, region, Instants.text(time), null));
    }

    /**
     * A descriptor another node published, checked: signed by the key it names, whose id it
     * claims, made within {@code skew} of {@code now}, with a usable base URL.
     */
    static NodeDescriptor verified(ObjectMapper json, JsonNode document, Instant now, java.time.Duration skew) throws Rejected {
        SignedJson.verify(document, TYPE, "id", "public_key");
        NodeDescriptor d;
        try {
            d = json.convertValue(document, NodeDescriptor.class);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejected.MALFORMED, "the descriptor does not have the expected fields: " + e.getMessage());
        }
        if (d.baseUrl() == null || !(d.baseUrl().startsWith("http://") || d.baseUrl().startsWith("https://"))) {
            throw new Rejected(Rejected.MALFORMED, "base_url must be an http(s) URL");
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
            throw new Rejected(Rejected.MALFORMED, "name must be 1 to 100 characters");
        }
        Instant time;
        try {
            time = Instant.parse(String.valueOf(d.time()));
        } catch (DateTimeParseException e) {
            throw new Rejected(Rejected.MALFORMED, "time '" + d.time() + "' is not an RFC 3339 UTC time");
        }
        if (time.isBefore(now.minus(skew)) || time.isAfter(now.plus(skew))) {
            throw new Rejected(Rejected.STALE, "the descriptor was made at " + time + ", more than " + skew.toSeconds()
                    + " s from this node's clock (" + now + ")");
        }
        return d;
    }
}
