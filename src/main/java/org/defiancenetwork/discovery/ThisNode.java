package org.defiancenetwork.discovery;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.NodeInfo;
import org.defiancenetwork.platform.NodeKeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** This node as other nodes see it: its key-derived id, its public base URL, its signed descriptor. */
@ApplicationScoped
public class ThisNode {

    private final NodeKeys keys;
    private final NodeIdentity identity;
    private final NodeInfo info;
    private final DiscoveryConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    ThisNode(NodeKeys keys, NodeIdentity identity, NodeInfo info, DiscoveryConfig config, ObjectMapper json) {
        this.keys = keys;
        this.identity = identity;
        this.info = info;
        this.config = config;
        this.json = json;
    }

    public String id() {
        return keys.nodeId();
    }

    public String publicKey() {
        return keys.publicKeyText();
    }

    public String name() {
        return info.nodeName();
    }

    public NodeKeys keys() {
        return keys;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Where other nodes reach this one ({@code defiance.public-base-url}). Without it the node can
     * still be probed (its descriptor names the address it was asked at), but it cannot announce
     * or follow: nobody could check where its links lead.
     */
    public Optional<String> baseUrl() {
        return identity.publicBaseUrl();
    }

    public Optional<String> region() {
        return config.region();
    }

    public List<String> capabilities() {
        return List.copyOf(config.capabilities());
    }

    /** The signed descriptor; {@code askedAt} stands in for the base URL when none is configured. */
    public ObjectNode descriptor(String askedAt) {
        return SignedJson.sign(NodeDescriptor.unsigned(json, id(), publicKey(), name(), baseUrl().orElse(askedAt),
                info.version(), capabilities(), config.region().orElse(null), clock.instant()), keys);
    }
}
