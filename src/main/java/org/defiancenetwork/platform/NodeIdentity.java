package org.defiancenetwork.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who this node is among its peers: a stable id kept in the data dir (so broadcasts it carried are
 * still recognised as its own after a restart) and the URL others reach it at.
 */
@ApplicationScoped
public class NodeIdentity {

    private static final String FILE = "node-id";

    private final NodeConfig config;
    private volatile String id;

    NodeIdentity(NodeConfig config) {
        this.config = config;
    }

    public String id() {
        String known = id;
        if (known == null) {
            synchronized (this) {
                if (id == null) {
                    id = readOrCreate(config.dataPath().resolve(FILE));
                }
                known = id;
            }
        }
        return known;
    }

    /** Base URL for links to this node's media from other nodes' pages; empty means same-origin links. */
    public Optional<String> publicBaseUrl() {
        return config.publicBaseUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(file.getParent());
            String fresh = UUID.randomUUID().toString();
            Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node id in " + file, e);
        }
    }
}
