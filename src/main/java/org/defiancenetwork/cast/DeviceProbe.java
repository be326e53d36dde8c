package org.defiancenetwork.cast;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.cast.castv2.CastConnection;
import org.defiancenetwork.cast.castv2.CastMessage;
import org.defiancenetwork.cast.castv2.DeviceMessage;
import org.defiancenetwork.cast.castv2.Namespaces;
import org.defiancenetwork.cast.dlna.DeviceDescription;
import org.defiancenetwork.cast.dlna.SoapClient;
import org.defiancenetwork.cast.dlna.UpnpError;
import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.Threads;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Asks an address what is there: a Cast receiver (TLS on 8009, GET_STATUS answered with
 * RECEIVER_STATUS) or a UPnP MediaRenderer (its description, and whether it takes HLS). Holds the
 * network clients every session shares.
 */
@ApplicationScoped
public class DeviceProbe {

    private static final long MAX_DESCRIPTION = 256 * 1024;
    private static final String[] HLS_TYPES = { "application/x-mpegurl", "application/vnd.apple.mpegurl" };

    private final CastConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final NetClient castClient;
    private final RemoteFetch descriptions;
    private final java.util.concurrent.ThreadPoolExecutor soapThreads;
    private final SoapClient soap;

    DeviceProbe(CastConfig config, Vertx vertx, ObjectMapper json) {
        this.config = config;
        this.vertx = vertx;
        this.json = json;
        // Cast devices present certificates of Google's device CA, which no trust store holds; the
        // node cannot verify them (real senders prove the device with the deviceauth namespace).
        this.castClient = vertx.createNetClient(new NetClientOptions().setSsl(true).setTrustAll(true)
                .setHostnameVerificationAlgorithm("").setConnectTimeout((int) config.answerTimeout().toMillis()));
        this.descriptions = new RemoteFetch(new UrlGuard(true), config.answerTimeout(), "DefianceNetwork-Cast/1");
        this.soapThreads = Threads.fixedPool("cast-soap", 2);
        this.soap = new SoapClient(config.answerTimeout(), soapThreads);
    }

    NetClient castClient() {
        return castClient;
    }

    SoapClient soap() {
        return soap;
    }

    Vertx vertx() {
        return vertx;
    }

    ObjectMapper json() {
        return json;
    }

    /** A Cast receiver at host:port, or why not. */
    CastDevice chromecast(String host, int port, String name, boolean added) throws IOException {
        CompletableFuture<DeviceMessage.ReceiverStatus> status = new CompletableFuture<>();
        CastConnection connection;
        try {
            connection = CastConnection.open(castClient, host, port, new CastConnection.Listener() {
                @Override
                public void received(CastMessage message) {
                    if (Namespaces.RECEIVER.equals(message.namespace()) && !message.binary()) {
                        try {
                            if (json.readValue(message.payloadUtf8(), DeviceMessage.class) instanceof DeviceMessage.ReceiverStatus s) {
                                status.complete(s);
                            }
                        } catch (IOException e) {
                            status.completeExceptionally(new IOException("it sent an unreadable status"));
                        }
                    }
                }

                @Override
                public void closed(String reason, boolean broken) {
                    status.completeExceptionally(new IOException(reason == null ? "the connection closed" : reason));
                }
            }).toCompletionStage().toCompletableFuture().get(config.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no Cast device answers at " + host + ":" + port + " ("
                    + (e instanceof TimeoutException ? "timed out" : e.getCause().getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try {
            connection.send(CastMessage.text(Namespaces.SENDER, Namespaces.PLATFORM, Namespaces.CONNECTION, "{\"type\":\"CONNECT\"}"));
            connection.send(CastMessage.text(Namespaces.SENDER, Namespaces.PLATFORM, Namespaces.RECEIVER,
                    "{\"type\":\"GET_STATUS\",\"requestId\":1}"));
            status.get(config.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the device at " + host + ":" + port + " does not speak Cast ("
                    + (e instanceof TimeoutException ? "no status in time" : e.getCause().getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            connection.close();
        }
        String id = "cc-" + Hashing.sha256Hex(host + ":" + port).substring(0, 20);
        return new CastDevice(id, name == null || name.isBlank() ? "Cast device at " + host : name, Protocol.CHROMECAST,
                "Cast receiver", host, port, added, true, Instant.now(), null, null);
    }

    /** A MediaRenderer described at {@code location}, or why not. */
    CastDevice renderer(URI location, String nameOverride, boolean added) throws IOException {
        RemoteFetch.Fetched fetched;
        try {
            fetched = descriptions.get(location, RemoteFetch.Validators.NONE, MAX_DESCRIPTION, "text/xml, application/xml");
        } catch (UrlGuard.Refused e) {
            throw new IOException(e.getMessage());
        }
        if (fetched.status() != 200) {
            throw new IOException("the description at " + location + " answered HTTP " + fetched.status());
        }
        DeviceDescription description = DeviceDescription.parse(fetched.body(), fetched.uri());
        if (!description.isRenderer()) {
            throw new IOException("the device at " + location + " is not a media renderer (no AVTransport service)");
        }
        String name = nameOverride != null && !nameOverride.isBlank() ? nameOverride
                : description.friendlyName() == null || description.friendlyName().isBlank() ? "Renderer at " + location.getHost()
                        : description.friendlyName();
        return new CastDevice(dlnaId(description.udn()), name, Protocol.DLNA,
                description.modelName() == null ? "UPnP renderer" : description.modelName(), location.getHost(),
                location.getPort() < 0 ? 80 : location.getPort(), added, takesHls(description), Instant.now(),
                description.control(DeviceDescription.AV_TRANSPORT), description.control(DeviceDescription.RENDERING_CONTROL));
    }

    /** Whether the renderer's sink protocols (ConnectionManager GetProtocolInfo) include HLS. */
    private boolean takesHls(DeviceDescription description) {
        URI manager = description.control(DeviceDescription.CONNECTION_MANAGER);
        if (manager == null) {
            return false;
        }
        try {
            Map<String, String> info = soap.invoke(manager, DeviceDescription.CONNECTION_MANAGER, "GetProtocolInfo", new LinkedHashMap<>());
            String sink = info.getOrDefault("Sink", "").toLowerCase(Locale.ROOT);
            for (String type : HLS_TYPES) {
                if (sink.contains(":" + type + ":")) {
                    return true;
                }
            }
            return false;
        } catch (UpnpError e) {
            return false;
        }
    }

    static String dlnaId(String udn) {
        String bare = udn.startsWith("uuid:") ? udn.substring(5) : udn;
        String safe = bare.replaceAll("[^A-Za-z0-9-]", "-");
        return "dlna-" + (safe.length() > 60 ? safe.substring(0, 60) : safe);
    }

    @PreDestroy
    void close() {
        castClient.close();
        soapThreads.shutdownNow();
    }
}
