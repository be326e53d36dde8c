package org.defiancenetwork.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.Broadcasts;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The migrations that build the embedded H2 database must build PostgreSQL too: this runs them on
 * the real server (127.0.0.1:5432, database test) in a schema of its own, then uses the result.
 */
@QuarkusTest
@TestProfile(PostgresMigrationTest.OnPostgres.class)
class PostgresMigrationTest {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "defiance_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.db-kind", "postgresql",
                    "quarkus.datasource.jdbc.url", SERVER + "?currentSchema=" + SCHEMA,
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "",
                    "quarkus.flyway.schemas", SCHEMA);
        }

        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @Inject
    Flyway flyway;

    @Inject
    Broadcasts broadcasts;

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void everyMigrationAppliedCleanly() throws IOException, URISyntaxException {
        // Besides the migrations, Flyway's history records that it created the schema.
        MigrationInfo[] applied = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getScript().endsWith(".sql"))
                .toArray(MigrationInfo[]::new);
        assertEquals(migrationFiles(), applied.length, "one applied migration per file in db/migration");
        Arrays.stream(applied).forEach(m -> assertEquals(MigrationState.SUCCESS, m.getState(), m.getScript()));
        assertEquals(0, flyway.info().pending().length, "no pending migrations");
    }

    @Test
    void entitiesWorkOnTheMigratedSchema() {
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = new Channel();
            channel.slug = "pg-channel";
            channel.title = "On PostgreSQL";
            channel.createdAt = Instant.now();
            channel.persist();
            Broadcast b = new Broadcast();
            b.id = "pgbroadcast00001";
            b.channelId = channel.id;
            b.title = "Live from Postgres";
            b.state = BroadcastState.LIVE;
            b.createdAt = Instant.now();
            b.startedAt = b.createdAt;
            b.persist();
        });
        assertEquals("Live from Postgres", broadcasts.live().get(0).title());
    }

    @Test
    void nodeReportsPostgres() {
        org.defiancenetwork.testing.Admins.session().request().get("/api/node").then().statusCode(200)
                .body("databaseKind", equalTo("postgresql"))
                .body("database", startsWith("PostgreSQL "))
                .body("starts", equalTo(1));
    }

    private static long migrationFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(PostgresMigrationTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
    }
}
