package org.defiancenetwork.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeConfig;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * The bootstrap registries of {@code defiance.discovery.registries}: fetched (URLs, with conditional
 * GET) or read (files) every {@code registry-refresh}, parsed, and their nodes handed to
 * {@link Peers}. The last good copy of each is kept under {@code <data-dir>/discovery/registries/},
 * so a node whose registry is down or broken starts with what it knew. Every address a registry
 * names passes the SSRF guard before it is kept.
 */
@ApplicationScoped
public class Registries {

    private static final Logger LOG = Logger.getLogger(Registries.class);

    /** How a registry fared at its last refresh, for the admin page. */
    public record Status(String source, Instant checkedAt, String state, int nodes, List<String> warnings, String error) {
    }

    private final DiscoveryConfig config;
    private final NodeConfig node;
    private final PeerClient client;
    private final Peers peers;
    private final ObjectMapper json;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    Registries(DiscoveryConfig config, NodeConfig node, PeerClient client, Peers peers, ObjectMapper json) {
        this.config = config;
        this.node = node;
        this.client = client;
        this.peers = peers;
        this.json = json;
    }

    @Scheduled(every = "${defiance.discovery.registry-refresh}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAll() {
        for (String source : config.registries().orElse(List.of())) {
            if (!source.isBlank()) {
                refresh(source.strip());
            }
        }
    }

    public List<Status> statuses() {
        return statuses.values().stream().sorted(java.util.Comparator.comparing(Status::source)).toList();
    }

    void refresh(String source) {
        Path cache = cacheOf(source);
        Path meta = cache.resolveSibling(cache.getFileName() + ".meta");
        boolean remote = source.startsWith("http://") || source.startsWith("https://");
        byte[] fresh = null;
        RemoteFetch.Validators validators = RemoteFetch.Validators.NONE;
        String error = null;
        try {
            if (remote) {
                RemoteFetch.Fetched answer = client.registryAt(source, Files.exists(cache) ? readMeta(meta) : RemoteFetch.Validators.NONE);
                if (!answer.notModified()) {
                    fresh = answer.body();
                    validators = answer.validators();
                }
            } else {
                fresh = readFile(Path.of(source));
            }
        } catch (UrlGuard.Refused e) {
            error = "refused: " + e.getMessage();
        } catch (java.nio.file.NoSuchFileException e) {
            error = "there is no file " + source;
        } catch (IOException e) {
            error = e.getMessage();
        }
        PeerRegistryFormat.Parsed parsed = null;
        if (fresh != null) {
            try {
                parsed = PeerRegistryFormat.read(json, fresh);
                keep(cache, meta, fresh, validators);
            } catch (PeerRegistryFormat.Invalid e) {
                error = "invalid: " + e.getMessage();
                LOG.warnf("registry %s is invalid, keeping the last good copy: %s", source, e.getMessage());
            } catch (IOException e) {
                LOG.warnf("could not keep a copy of registry %s: %s", source, e.getMessage());
            }
        }
        if (parsed == null) {
            parsed = fromCache(cache);
            String state = parsed == null ? "unavailable" : error == null ? "unchanged" : "last good copy";
            if (error != null) {
                LOG.infof("registry %s: %s%s", source, error, parsed == null ? "" : "; using the last good copy");
            }
            record(source, state, parsed, error);
        } else {
            record(source, "fresh", parsed, error);
        }
        if (parsed != null) {
            parsed.warnings().forEach(w -> LOG.debugf("registry %s: %s", source, w));
            for (PeerRegistryFormat.Entry entry : parsed.nodes()) {
                try {
                    client.guard().check(entry.baseUrl());
                    peers.learn(entry, PeerNode.Source.REGISTRY);
                } catch (UrlGuard.Refused e) {
                    LOG.infof("registry %s lists %s, which this node does not fetch: %s", source, entry.baseUrl(), e.getMessage());
                }
            }
        }
    }

    private void record(String source, String state, PeerRegistryFormat.Parsed parsed, String error) {
        statuses.put(source, new Status(source, Instant.now(), state, parsed == null ? 0 : parsed.nodes().size(),
                parsed == null ? List.of() : parsed.warnings(), error));
    }

    private byte[] readFile(Path file) throws IOException {
        if (Files.size(file) > config.maxRegistryBytes()) {
            throw new IOException(file + " is larger than the " + config.maxRegistryBytes() + " bytes read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    private PeerRegistryFormat.Parsed fromCache(Path cache) {
        try {
            return Files.exists(cache) ? PeerRegistryFormat.read(json, Files.readAllBytes(cache)) : null;
        } catch (IOException | PeerRegistryFormat.Invalid e) {
            return null;
        }
    }

    private Path cacheOf(String source) {
        return node.dataPath().resolve("discovery").resolve("registries")
                .resolve(Hashing.sha256Hex(source).substring(0, 16) + ".json");
    }

    /** Written beside and moved into place, so a crash never leaves half a registry as the last good copy. */
    private static void keep(Path cache, Path meta, byte[] body, RemoteFetch.Validators validators) throws IOException {
        Files.createDirectories(cache.getParent());
        Path partial = cache.resolveSibling(cache.getFileName() + ".part");
        Files.write(partial, body);
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Properties p = new Properties();
        if (validators.etag() != null) {
            p.setProperty("etag", validators.etag());
        }
        if (validators.lastModified() != null) {
            p.setProperty("last-modified", validators.lastModified());
        }
        try (var out = Files.newBufferedWriter(meta, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
    }

    private static RemoteFetch.Validators readMeta(Path meta) {
        if (!Files.exists(meta)) {
            return RemoteFetch.Validators.NONE;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return RemoteFetch.Validators.NONE;
        }
        return new RemoteFetch.Validators(p.getProperty("etag"), p.getProperty("last-modified"));
    }
}
