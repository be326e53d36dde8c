package org.defiancenetwork.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.NodeConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The secret that encrypts session cookies. Configured ({@code quarkus.http.auth.session.encryption-key},
 * the same on every node of a cluster), or else made on first start and kept in
 * {@code <data-dir>/secrets/session.key} (mode 0600), so a restart signs nobody out. Never logged.
 */
@ApplicationScoped
public class SessionKey {

    static final String FILE = "secrets/session.key";
    private static final Logger LOG = Logger.getLogger(SessionKey.class);

    private final String key;

    SessionKey(NodeConfig node, Ids ids,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> configured,
            @ConfigProperty(name = "quarkus.profile", defaultValue = "prod") String profile) {
        if (configured.isPresent()) {
            if (configured.get().length() < 32) {
                throw new IllegalStateException("quarkus.http.auth.session.encryption-key must have at least 32 characters");
            }
            this.key = configured.get();
        } else {
            Path file = node.dataPath().resolve(FILE);
            this.key = readOrCreate(file, ids);
            if (profile.contains("cluster")) {
                LOG.warnf("Session key kept in %s for this node only: set quarkus.http.auth.session.encryption-key to the "
                        + "same secret on every node of the cluster, or sign-ins will not carry over between nodes", file);
            }
        }
    }

    String value() {
        return key;
    }

    private static String readOrCreate(Path file, Ids ids) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (stored.length() >= 32) {
                    return stored;
                }
            }
            Files.createDirectories(file.getParent());
            String fresh = ids.token(32);
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(partial);
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(partial);
            }
            Files.writeString(partial, fresh + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the session key in " + file, e);
        }
    }
}
