package org.defiancenetwork.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.defiancenetwork.media.api.FfmpegInstallation;
import org.defiancenetwork.platform.NodeConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** What an operator needs to know about this node at a glance: /admin and /api/node. */
@ApplicationScoped
public class NodeStatus {

    private static final Logger LOG = Logger.getLogger(NodeStatus.class);

    /** The status as shown on /admin and returned by /api/node. */
    public record Snapshot(
            String nodeName,
            String version,
            Instant startedAt,
            Duration uptime,
            Instant firstStartedAt,
            long starts,
            String dataDir,
            Long freeDiskBytes,
            String databaseKind,
            String database,
            String messaging,
            String ffmpegVersion,
            String ffmpegProblem) {
    }

    private final NodeConfig node;
    private final FfmpegInstallation ffmpeg;
    private final DataSource dataSource;
    private final Config config;
    private final String version;
    private final String databaseKind;
    private volatile Instant startedAt = Instant.now();

    NodeStatus(NodeConfig node, FfmpegInstallation ffmpeg, DataSource dataSource, Config config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        this.node = node;
        this.ffmpeg = ffmpeg;
        this.dataSource = dataSource;
        this.config = config;
        this.version = version;
        this.databaseKind = databaseKind;
    }

    @Transactional
    void recordStart(@Observes StartupEvent started) throws IOException {
        Files.createDirectories(node.dataPath());
        startedAt = Instant.now();
        NodeStart start = new NodeStart();
        start.startedAt = startedAt;
        start.version = version;
        start.persist();
        LOG.infof("Node '%s' %s started with data dir %s", node.nodeName(), version,
                node.dataPath().toAbsolutePath().normalize());
    }

    public String version() {
        return version;
    }

    public String nodeName() {
        return node.nodeName();
    }

    @Transactional
    public Snapshot snapshot() {
        NodeStart first = NodeStart.first();
        FfmpegInstallation.Probe probe = ffmpeg.probe();
        Path dataDir = node.dataPath().toAbsolutePath().normalize();
        return new Snapshot(
                node.nodeName(),
                version,
                startedAt,
                Duration.between(startedAt, Instant.now()),
                first == null ? startedAt : first.startedAt,
                NodeStart.count(),
                dataDir.toString(),
                freeDisk(dataDir),
                databaseKind,
                databaseProduct(),
                messagingMode(),
                probe.version(),
                probe.problem());
    }

    private static Long freeDisk(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }

    private String databaseProduct() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    /** Channels not bound to a connector stay inside this JVM; a RabbitMQ binding makes them cluster-wide. */
    private String messagingMode() {
        boolean rabbit = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.") && name.endsWith(".connector"))
                .map(name -> config.getOptionalValue(name, String.class).orElse(""))
                .anyMatch("smallrye-rabbitmq"::equals);
        if (!rabbit) {
            return "in-memory";
        }
        String host = config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost");
        int port = config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672);
        return "RabbitMQ " + host + ":" + port;
    }
}
