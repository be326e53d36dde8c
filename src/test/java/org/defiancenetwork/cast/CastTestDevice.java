package org.defiancenetwork.cast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.LanNamespace;

import io.restassured.path.json.JsonPath;

/**
 * The Chromecast of the tests: src/test/resources/cast/chromecast-device.cjs (npm castv2's device
 * side, installed by .ci/run into .ci/tools) run with the machine's node inside a test namespace.
 * Everything the device is told arrives here as JSON lines.
 */
final class CastTestDevice implements AutoCloseable {

    static final Path TOOLS = Path.of(".ci", "tools", "node_modules").toAbsolutePath();

    private final Process process;
    private final List<JsonPath> said = new CopyOnWriteArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    private CastTestDevice(Process process) {
        this.process = process;
    }

    /** Why the device cannot run here (castv2 not installed), or null. */
    static String unavailableBecause() {
        return Files.isDirectory(TOOLS.resolve("castv2")) && Files.isDirectory(TOOLS.resolve("bonjour-service")) ? null
                : "npm castv2 and bonjour-service are not installed in .ci/tools (bash .ci/run installs them)";
    }

    static CastTestDevice start(LanNamespace lan, String name, String id) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cast-device-");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=" + id)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IOException("openssl could not make the device's certificate");
        }
        Path script = Path.of("src", "test", "resources", "cast", "chromecast-device.cjs").toAbsolutePath();
        ProcessBuilder builder = lan.process("node", script.toString(), lan.deviceAddress(), "8009", key.toString(),
                cert.toString(), name, id);
        builder.environment().put("NODE_PATH", TOOLS.toString());
        CastTestDevice device = new CastTestDevice(builder.start());
        device.read();
        device.await("listening", j -> "listening".equals(j.getString("event")));
        return device;
    }

    private void read() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("{")) {
                        said.add(JsonPath.from(line));
                    }
                }
            } catch (IOException e) {
                // the device went away
            }
        }, "cast-test-device-out");
        reader.setDaemon(true);
        reader.start();
        Thread err = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // gone
            }
        }, "cast-test-device-err");
        err.setDaemon(true);
        err.start();
    }

    /** The first report that matches, waiting for it. */
    JsonPath await(String what, Predicate<JsonPath> which) throws InterruptedException {
        return Await.until(Duration.ofSeconds(30), what + " (device stderr: " + errors() + ")",
                () -> said.stream().filter(which).findFirst().orElse(null));
    }

    /** The first message of that type on that namespace, waiting for it. */
    JsonPath awaitMessage(String namespaceEnd, String type) throws InterruptedException {
        return await(type + " on " + namespaceEnd, j -> "message".equals(j.getString("event"))
                && String.valueOf(j.getString("namespace")).endsWith(namespaceEnd) && type.equals(j.getString("message.type")));
    }

    long count(Predicate<JsonPath> which) {
        return said.stream().filter(which).count();
    }

    void forget() {
        said.clear();
    }

    void command(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    boolean alive() {
        return process.isAlive();
    }

    private String errors() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
