package org.defiancenetwork.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Another party's node, written by the test from the protocol alone: it publishes a signed
 * descriptor, accepts follow requests, has nothing to announce, and signs what the test makes it
 * push. The node under test treats it like any peer.
 */
final class StrangerNode implements AutoCloseable {

    final TestKey key = new TestKey();
    final AtomicInteger followRequests = new AtomicInteger();
    private final HttpServer server;

    StrangerNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/.well-known/defiance/node",
                exchange -> answer(exchange, 200, Documents.descriptor(key, "Stranger", baseUrl()).toString()));
        server.createContext("/api/network/follows", exchange -> {
            exchange.getRequestBody().readAllBytes();
            followRequests.incrementAndGet();
            answer(exchange, 200, "{\"node_id\":\"" + key.nodeId() + "\"}");
        });
        server.createContext("/api/network/announcements", exchange -> answer(exchange, 200,
                "{\"node_id\":\"" + key.nodeId() + "\",\"announcements\":[]}"));
        server.createContext("/", exchange -> answer(exchange, 404, "{}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
