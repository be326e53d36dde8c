package org.defiancenetwork.discovery;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The original project's {@code peer-registry.json}, as this node publishes its own view at
 * {@code /.well-known/defiance/peer-registry.json}. Reading goes through {@link PeerRegistryFormat}.
 */
@RegisterForReflection(ignoreNested = false)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerRegistry(String version, String lastUpdated, List<BootstrapNode> bootstrapNodes,
        Map<String, JsonNode> regions) {

    public static final String VERSION = "1.0";
    public static final String PATH = "/.well-known/defiance/peer-registry.json";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BootstrapNode(String peerId, String multiaddr, String region, List<String> capabilities,
            String lastSeen, Double reliabilityScore) {
    }
}
