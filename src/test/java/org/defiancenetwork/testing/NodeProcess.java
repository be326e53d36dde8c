package org.defiancenetwork.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged node (target/quarkus-app) started as its own process, the way an operator runs it.
 * Integration tests use it to restart a node, or to run several side by side.
 */
public final class NodeProcess implements AutoCloseable {

    // a node starts in about 4 s alone, but took 50 s on a machine shared by many builds
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node with the given defiance.* / quarkus.* settings and waits until it answers. */
    public static NodeProcess start(String name, Map<String, String> settings) throws IOException, InterruptedException {
        return start(name, settings, Path.of(System.getProperty("defiance.test.app-dir", "target/quarkus-app")));
    }

    /**
     * Starts a node built into {@code appDir}; "${port}" in a setting's value becomes the node's
     * HTTP port (e.g. for its public URL).
     */
    public static NodeProcess start(String name, Map<String, String> settings, Path appDir)
            throws IOException, InterruptedException {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package'");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value.replace("${port}", Integer.toString(port))));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createDirectories(Path.of("target", "node-logs")).resolve(name + "-" + port + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NodeProcess node = new NodeProcess(process, port, log);
        node.awaitLive();
        return node;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops the node the way a service manager does (SIGTERM), and waits for it to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** Kills the node without warning (SIGKILL), like a crash or power loss. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitLive() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/live"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + " during start:\n" + log());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens only once startup is complete
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("node did not become live within " + START_TIMEOUT + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
