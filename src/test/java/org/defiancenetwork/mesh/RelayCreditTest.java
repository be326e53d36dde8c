package org.defiancenetwork.mesh;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.defiancenetwork.mesh.api.RelayCredit;
import org.defiancenetwork.mesh.api.RelayLedger;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** Credit for relaying counts what receivers confirm, never the sender's claim, and outlives the swarm. */
@QuarkusTest
class RelayCreditTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RelayLedger ledger;

    @Inject
    MeshAccounting accounting;

    @Test
    void receiversConfirmWhatASignedInViewerRelayed() throws Exception {
        String swarm = MeshClient.recording();
        String name = "relay" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        WebSession relayer = WebSession.signUp(name, "a long passphrase");
        try (MeshClient sender = MeshClient.connect(base, "/api/mesh/" + swarm, relayer.cookie("defiance-session"));
                MeshClient receiver = MeshClient.connect(base, "/api/mesh/" + swarm)) {
            String senderId = sender.expectWelcome();
            String receiverId = receiver.expectWelcome();
            sender.expect("peer-joined");

            // the sender's own claim of what it received from the other counts for nobody
            sender.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 5_000_000).put("bytesFromServer", 0)
                    .put("fromPeers", new JsonObject().put(receiverId, 5_000_000)));
            sender.sync();
            // a receipt naming a peer it was never linked to counts for nobody either
            receiver.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 0).put("bytesFromServer", 0)
                    .put("fromPeers", new JsonObject().put("someoneElse0000000000", 1_000)));
            receiver.sync();
            assertTrue(ledger.of(swarm, name).isEmpty(), "nothing confirmed yet");

            receiver.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 2_000_000).put("bytesFromServer", 100_000)
                    .put("fromPeers", new JsonObject().put(senderId, 2_000_000)));
            JsonObject credit = sender.expect("credit");
            assertEquals(2_000_000L, credit.getLong("bytes"));
            assertEquals(1, credit.getInteger("receivers"));

            // a receiver cannot confirm more than it says it played from peers
            receiver.send(new JsonObject().put("type", "stats").put("bytesFromPeers", 2_500_000).put("bytesFromServer", 100_000)
                    .put("fromPeers", new JsonObject().put(senderId, 9_000_000)));
            assertEquals(2_500_000L, sender.expect("credit").getLong("bytes"));

            RelayCredit counted = ledger.of(swarm, name).orElseThrow();
            assertEquals(2_500_000L, counted.bytesDelivered());
            assertEquals(1, counted.receivers());

            RestAssured.given().cookies(java.util.Map.of("defiance-session", relayer.cookie("defiance-session")))
                    .get("/watch/" + swarm).then().statusCode(200)
                    .body(containsString("id=\"relay-credit\""))
                    .body(containsString("2.5 MB</strong> to\n    <strong id=\"relay-credit-viewers\">1</strong>"));
            RestAssured.given().get("/watch/" + swarm).then().statusCode(200).body(not(containsString("relay-credit")));
        }
        accounting.tick();
        long rows = QuarkusTransaction.requiringNew().call(() -> RelayCreditRow.count("broadcastId = ?1 and account = ?2", swarm, name));
        assertEquals(1, rows, "written to the database");
        Await.until(Duration.ofSeconds(10), "swarm gone with its peers", () -> accounting.views().stream().noneMatch(v -> v.id().equals(swarm)));
        RelayCredit kept = ledger.forBroadcast(swarm).get(0);
        assertEquals(name, kept.account());
        assertEquals(2_500_000L, kept.bytesDelivered());
        assertEquals(1, kept.receivers());
    }
}
