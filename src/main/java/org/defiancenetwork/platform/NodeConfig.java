package org.defiancenetwork.platform;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity and storage of this node: the settings every other feature stands on. */
@ConfigMapping(prefix = "defiance")
public interface NodeConfig {

    /**
     * Where the node keeps its database, media and identity; created on first start. H2 refuses
     * implicitly relative paths, so a relative one must start with ./ or ../.
     */
    @WithDefault("./data")
    @Pattern(regexp = "(/|\\./|\\.\\./).*", message = "must be absolute or start with ./ or ../, e.g. ./data")
    String dataDir();

    default Path dataPath() {
        return Path.of(dataDir());
    }

    /** Base URL under which other nodes and viewers reach this node, e.g. https://live.example.org. */
    Optional<String> publicBaseUrl();

    /** Name shown in the page header and announced to other nodes. */
    @WithDefault("Defiance Node")
    String nodeName();

    /** The shared PostgreSQL of the cluster profile (read by application.properties). */
    Database db();

    /** The RabbitMQ of the cluster profile (read by application.properties). */
    Rabbitmq rabbitmq();

    interface Database {
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    interface Rabbitmq {
        Optional<String> host();

        Optional<Integer> port();

        Optional<String> username();

        Optional<String> password();
    }
}
