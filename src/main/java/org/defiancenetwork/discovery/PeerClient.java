package org.defiancenetwork.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.defiancenetwork.platform.NodeInfo;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything this node sends to or asks of other nodes, through {@link RemoteFetch}: each URL
 * (and each redirect) passes the SSRF guard, each exchange has a time and a size limit. Not the
 * Quarkus REST client: peers' addresses come from strangers and change at run time, and the guard
 * must see every hop before a connection is made, which RemoteFetch does in one place.
 */
@ApplicationScoped
public class PeerClient {

    /** A peer's verified descriptor and how long it took to get it. */
    public record Probed(NodeDescriptor descriptor, int rttMs) {
    }

    private final RemoteFetch fetch;
    private final ObjectMapper json;
    private final DiscoveryConfig config;

    @Inject
    PeerClient(DiscoveryConfig config, ObjectMapper json, NodeInfo info) {
        this(config, json, info.version());
    }

    PeerClient(DiscoveryConfig config, ObjectMapper json, String version) {
        this.config = config;
        this.json = json;
        this.fetch = new RemoteFetch(new UrlGuard(config.allowPrivateAddresses()), config.fetchTimeout(),
                "DefianceNetwork/" + version + " (federation)");
    }

    public UrlGuard guard() {
        return fetch.guard();
    }

    /** Fetches and verifies the descriptor at {@code baseUrl}; {@link Rejected} when it is not acceptable. */
    public Probed probe(String baseUrl, Instant now) throws IOException, UrlGuard.Refused, Rejected {
        long started = System.nanoTime();
        RemoteFetch.Fetched answer = fetch.get(URI.create(baseUrl + NodeDescriptor.PATH), RemoteFetch.Validators.NONE,
                config.maxMessageBytes(), "application/json");
        int rtt = (int) Math.max(1, (System.nanoTime() - started) / 1_000_000);
        return new Probed(NodeDescriptor.verified(json, tree(answer.body()), now, config.maxClockSkew()), rtt);
    }

    /** Announcements a peer has had since {@code since} (all it has when null). */
    public JsonNode announcements(String baseUrl, Instant since) throws IOException, UrlGuard.Refused, Rejected {
        String query = since == null ? "" : "?since=" + URLEncoder.encode(Instants.text(since), StandardCharsets.UTF_8);
        RemoteFetch.Fetched answer = fetch.get(URI.create(baseUrl + NetworkResource.ANNOUNCEMENTS + query),
                RemoteFetch.Validators.NONE, config.maxMessageBytes(), "application/json");
        return tree(answer.body());
    }

    /** A peer's own registry (peer exchange). */
    public RemoteFetch.Fetched registry(String baseUrl, RemoteFetch.Validators known) throws IOException, UrlGuard.Refused {
        return fetch.get(URI.create(baseUrl + PeerRegistry.PATH), known, config.maxRegistryBytes(), "application/json");
    }

    /** A registry named in configuration. */
    public RemoteFetch.Fetched registryAt(String url, RemoteFetch.Validators known) throws IOException, UrlGuard.Refused {
        return fetch.get(fetch.guard().check(url), known, config.maxRegistryBytes(), "application/json");
    }

    public void deliver(String baseUrl, ObjectNode envelope) throws IOException, UrlGuard.Refused {
        fetch.post(URI.create(baseUrl + NetworkResource.INBOX), "application/json", json.writeValueAsBytes(envelope),
                config.maxMessageBytes());
    }

    public void follow(String baseUrl, ObjectNode request) throws IOException, UrlGuard.Refused {
        fetch.post(URI.create(baseUrl + NetworkResource.FOLLOWS), "application/json", json.writeValueAsBytes(request),
                config.maxMessageBytes());
    }

    /** GET of a peer's media (relaying), into memory. */
    public RemoteFetch.Fetched media(URI uri, long maxBytes) throws IOException, UrlGuard.Refused {
        return fetch.get(uri, RemoteFetch.Validators.NONE, maxBytes, "*/*");
    }

    JsonNode tree(byte[] body) throws Rejected {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Rejected(Rejected.MALFORMED, "the answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejected(Rejected.MALFORMED, "the answer is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejected(Rejected.MALFORMED, "the answer is unreadable: " + e.getMessage());
        }
    }
}
