package org.defiancenetwork.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real TURN server: Debian's coturn on loopback in shared-secret mode. Loopback peers are
 * allowed explicitly, since coturn refuses to relay to them by default.
 */
public final class Coturn implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String secret;
    private final Path log;

    private Coturn(Process process, int port, String secret, Path log) {
        this.process = process;
        this.port = port;
        this.secret = secret;
        this.log = log;
    }

    public static Coturn start() throws IOException, InterruptedException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String secret = UUID.randomUUID().toString();
        Path log = Files.createDirectories(Path.of("target", "node-logs")).resolve("coturn-" + port + ".log");
        Process process = new ProcessBuilder(List.of("turnserver", "-n",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=defiance.test",
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli",
                "--min-port=" + (port % 20000 + 40000), "--max-port=" + (port % 20000 + 40100),
                "--pidfile=" + log.resolveSibling("coturn-" + port + ".pid").toAbsolutePath(),
                "--userdb=" + log.resolveSibling("coturn-" + port + ".db").toAbsolutePath(), "--log-file=stdout"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Coturn coturn = new Coturn(process, port, secret, log);
        Await.until(Duration.ofSeconds(15), "coturn listening", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("Total General servers");
        });
        return coturn;
    }

    public String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    public String secret() {
        return secret;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
