package org.defiancenetwork.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.defiancenetwork.testing.Admins;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** The embedded database lives in the data dir: what one run writes, the next run reads. */
class NodeRestartIT {

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
        Map<String, String> settings = Map.of("defiance.data-dir", dataDir.toString(), "defiance.node-name", "Restart Test");

        JsonPath first;
        WebSession admin;
        try (NodeProcess node = NodeProcess.start("restart-1", settings)) {
            admin = Admins.firstOn(node.baseUrl());
            first = admin.request().get(node.baseUrl() + "/api/node").then().statusCode(200).extract().jsonPath();
            node.stop();
            assertTrue(node.log().contains("stopped in"), "node shut down gracefully on SIGTERM");
        }
        assertEquals(1, first.getInt("starts"));
        assertTrue(Files.exists(dataDir.resolve("db/defiance.mv.db")),
                "H2 file database under the data dir");

        // the session key is kept in the data dir: the admin is still signed in after the restart
        try (NodeProcess node = NodeProcess.start("restart-2", settings)) {
            admin.request().get(node.baseUrl() + "/api/node").then().statusCode(200)
                    .body("starts", equalTo(2))
                    .body("firstStartedAt", equalTo(first.getString("firstStartedAt")))
                    .body("nodeName", equalTo("Restart Test"));
        }
    }

    @Test
    void aKilledNodeComesBackWithItsData() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-");
        Map<String, String> settings = Map.of("defiance.data-dir", dataDir.toString());

        WebSession admin;
        try (NodeProcess node = NodeProcess.start("crash-1", settings)) {
            admin = Admins.firstOn(node.baseUrl());
            node.kill();
        }
        try (NodeProcess node = NodeProcess.start("crash-2", settings)) {
            admin.request().get(node.baseUrl() + "/api/node").then().statusCode(200).body("starts", equalTo(2));
            given().get(node.baseUrl() + "/q/health/ready").then().statusCode(200);
        }
    }
}
