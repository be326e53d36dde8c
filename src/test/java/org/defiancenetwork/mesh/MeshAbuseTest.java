package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What one client may do to others through the mesh: open sockets, and report peers. */
@QuarkusTest
class MeshAbuseTest {

    static final String SEGMENT = "source/seg00003.ts";

    @TestHTTPResource("/")
    URI base;

    @Inject
    SwarmSocket endpoint;

    @Inject
    MeshConfig config;

    final List<MeshClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(MeshClient::close);
    }

    MeshClient connect(String swarm, String cookie) {
        MeshClient c = MeshClient.connect(base, "/api/mesh/" + swarm, cookie);
        clients.add(c);
        return c;
    }

    @Test
    void oneAddressMayHoldOnlySoManySockets() throws Exception {
        Await.until(Duration.ofSeconds(20), "sockets of earlier tests closed", () -> endpoint.perAddress.openFrom("127.0.0.1") == 0);
        String swarm = MeshClient.recording();
        int cap = config.socketsPerAddress();
        for (int i = 0; i < cap; i++) {
            connect(swarm, null).expectWelcome();
        }
        MeshClient refused = connect(swarm, null);
        refused.expectError("too-many-connections");
        assertEquals(1008, refused.awaitClose(), "policy violation");

        clients.get(0).close();
        Await.until(Duration.ofSeconds(10), "the slot is given back", () -> endpoint.perAddress.openFrom("127.0.0.1") == cap - 1);
        connect(swarm, null).expectWelcome();
    }

    @Test
    void twoAnonymousSocketsOfOneAddressCannotEvictAPeer() throws Exception {
        String swarm = MeshClient.recording();
        MeshClient victim = connect(swarm, null);
        String victimId = victim.expectWelcome();
        victim.send(new JsonObject().put("type", "have").put("segments", new JsonArray().add(SEGMENT)));
        victim.sync();
        for (int i = 0; i < 2; i++) {
            MeshClient accuser = connect(swarm, null);
            String accuserId = accuser.expectWelcome();
            assertEquals(accuserId, victim.expect("peer-joined").getString("peerId"));
            accuser.send(new JsonObject().put("type", "report").put("peerId", victimId).put("segment", SEGMENT));
            accuser.sync();
            // the accuser's own link goes, nothing else
            assertEquals(accuserId, victim.expect("peer-left").getString("peerId"));
        }
        // still a member: the node answers it, and it was never told it is dropped
        victim.sync();
    }

    @Test
    void reportsFromTwoAccountsCutThePeerOff() throws Exception {
        // sign-ups first: they are slow, and peers without heartbeats expire after 2 s in tests
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            cookies.add(WebSession.signUp(name, "a long passphrase").cookie("defiance-session"));
        }
        String swarm = MeshClient.recording();
        MeshClient victim = connect(swarm, null);
        String victimId = victim.expectWelcome();
        victim.send(new JsonObject().put("type", "have").put("segments", new JsonArray().add(SEGMENT)));
        victim.sync();
        List<MeshClient> accusers = new ArrayList<>();
        for (String cookie : cookies) {
            MeshClient accuser = connect(swarm, cookie);
            accuser.expectWelcome();
            victim.expect("peer-joined");
            for (MeshClient earlier : accusers) {
                earlier.expect("peer-joined");
            }
            accusers.add(accuser);
        }
        // a report about a segment the victim never announced is no evidence
        accusers.get(0).send(new JsonObject().put("type", "report").put("peerId", victimId).put("segment", "source/seg00004.ts"));
        accusers.get(0).sync();
        for (MeshClient accuser : accusers) {
            accuser.send(new JsonObject().put("type", "report").put("peerId", victimId).put("segment", SEGMENT));
        }
        victim.expect("peer-left");
        victim.expect("peer-left");
        victim.expectError("dropped");
        victim.awaitClose();
    }
}
