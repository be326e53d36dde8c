package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.BroadcastRows;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.json.JsonObject;

/**
 * A signaling socket as a test sees it: every message arrives in order in its inbox, and
 * {@link #expect} takes the next one, whatever it is — nothing is skipped, so an unexpected
 * message fails the test instead of hiding.
 */
record MeshClient(WebSocketClientConnection connection, LinkedBlockingQueue<JsonObject> inbox, CompletableFuture<CloseReason> closed)
        implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    static MeshClient connect(URI base, String pathAndQuery) {
        return connect(base, pathAndQuery, null);
    }

    /** {@code sessionCookie}: a signed-in browser's "defiance-session" cookie value, or null. */
    static MeshClient connect(URI base, String pathAndQuery, String sessionCookie) {
        LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path(pathAndQuery)
                // on the connection's event loop: blocking callbacks may run on several workers and reorder the inbox
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((conn, text) -> inbox.add(new JsonObject(text)))
                .onClose((conn, reason) -> closed.complete(reason));
        if (sessionCookie != null) {
            connector.addHeader("Cookie", "defiance-session=" + sessionCookie);
        }
        return new MeshClient(connector.connectAndAwait(), inbox, closed);
    }

    /** The next message, which must be of this type. */
    JsonObject expect(String type) throws InterruptedException {
        JsonObject m = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no '" + type + "' within " + WAIT.toSeconds() + " s");
        }
        assertEquals(type, m.getString("type"), "next message: " + m.encode());
        return m;
    }

    /** The next message must be an error with this code. */
    JsonObject expectError(String code) throws InterruptedException {
        JsonObject error = expect("error");
        assertEquals(code, error.getString("code"), error.encode());
        return error;
    }

    String expectWelcome() throws InterruptedException {
        return expect("welcome").getString("peerId");
    }

    int awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).getCode();
    }

    void send(JsonObject message) {
        connection.sendTextAndAwait(message.encode());
    }

    /**
     * Proves the node has handled everything this socket sent before: a heartbeat is silent, a
     * "mode" request always answers, and messages are handled in order.
     */
    void sync() throws InterruptedException {
        send(new JsonObject().put("type", "mode").put("want", "hls"));
        expect("mode");
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.closeAndAwait();
        }
    }

    /** A broadcast row in the database; a recording (ENDED with a playlist) makes a swarm viewers may join. */
    static String broadcast(BroadcastState state, String recording) {
        return BroadcastRows.create(state, recording);
    }

    static String recording() {
        return broadcast(BroadcastState.ENDED, "recording.m3u8");
    }
}
