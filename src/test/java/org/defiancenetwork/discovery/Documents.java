package org.defiancenetwork.discovery;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Signed documents as another node would make them, for tests that play that node. */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    static ObjectNode announcement(TestKey origin, String originUrl, String broadcastId, String title) {
        Instant now = Instant.now();
        ObjectNode a = JSON.createObjectNode()
                .put("type", Announcement.TYPE)
                .put("origin_id", origin.nodeId())
                .put("origin_key", origin.publicKey())
                .put("origin_name", "Stranger")
                .put("origin_url", originUrl)
                .put("broadcast_id", broadcastId)
                .put("state", Announcement.LIVE)
                .put("title", title)
                .put("kind", "video")
                .put("channel", "someone")
                .put("watch_url", originUrl + "/watch/" + broadcastId)
                .put("hls_url", originUrl + "/media/" + broadcastId + "/master.m3u8")
                .put("started_at", Instants.text(now.minusSeconds(5)))
                .put("viewers", 2)
                .put("issued_at", Instants.text(now))
                .put("expires_at", Instants.text(now.plus(Duration.ofMinutes(2))));
        return SignedJson.sign(a, origin::sign);
    }

    static ObjectNode delivery(TestKey sender, int hops, ObjectNode announcement) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("type", Announcements.DELIVERY)
                .put("sender_id", sender.nodeId())
                .put("sender_key", sender.publicKey())
                .put("sent_at", Instants.text(Instant.now()))
                .put("hops", hops);
        envelope.set("announcement", announcement);
        return SignedJson.sign(envelope, sender::sign);
    }

    static ObjectNode descriptor(TestKey key, String name, String baseUrl) {
        ObjectNode d = JSON.createObjectNode()
                .put("type", NodeDescriptor.TYPE)
                .put("id", key.nodeId())
                .put("public_key", key.publicKey())
                .put("name", name)
                .put("base_url", baseUrl)
                .put("software", "a stranger's node")
                .put("version", "0")
                .put("time", Instants.text(Instant.now()));
        d.putArray("capabilities").add("live");
        return SignedJson.sign(d, key::sign);
    }
}
