package org.defiancenetwork.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.BroadcastRows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Viewer heartbeats carry ids the page makes up; one address must not be able to inflate the count. */
@QuarkusTest
class ViewerCountTest {

    @Inject
    LiveConfig config;

    @Test
    void oneAddressCountsAsAtMostTheConfiguredNumberOfViewers() {
        // a LIVE row: heartbeats are accepted for broadcasts live anywhere in the cluster
        String broadcast = BroadcastRows.create(BroadcastState.LIVE, null);
        int cap = config.viewersPerAddress();
        int answered = 0;
        for (int i = 0; i < cap + 12; i++) {
            answered = heartbeat(broadcast, "invented-viewer-" + i);
            assertEquals(Math.min(i + 1, cap), answered, "count after heartbeat " + (i + 1));
        }
        // a counted viewer keeps counting, an uncounted one still gets an answer
        assertEquals(cap, heartbeat(broadcast, "invented-viewer-0"));
        assertEquals(cap, heartbeat(broadcast, "invented-viewer-" + (cap + 5)));
        assertEquals(cap, given().get("/api/broadcasts/" + broadcast).then().statusCode(200).extract().<Integer>path("viewers"));
    }

    private static int heartbeat(String broadcast, String viewer) {
        return given().contentType("application/json").body("{\"viewer\":\"" + viewer + "\"}")
                .post("/api/broadcasts/" + broadcast + "/viewers").then().statusCode(200).extract().path("viewers");
    }
}
