package org.defiancenetwork.cast;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeIdentity;

import io.quarkus.vertx.http.HttpServer;

/**
 * The rule for URLs handed to devices: they fetch from the node themselves, so a path like
 * {@code /media/…} becomes {@code defiance.public-base-url} + path when the operator set one, else
 * the node's own address on the interface that reaches the device — never localhost, which on the
 * TV would be the TV.
 */
@ApplicationScoped
public class ReachableUrls {

    private final NodeIdentity identity;
    private final HttpServer server;

    ReachableUrls(NodeIdentity identity, HttpServer server) {
        this.identity = identity;
        this.server = server;
    }

    /** The media with absolute URLs for a device that reaches the node at {@code localHost}. */
    public CastMedia forDevice(CastMedia media, String localHost) {
        String base = base(localHost);
        return media.at(absolute(base, media.url()), media.imageUrl() == null ? null : absolute(base, media.imageUrl()));
    }

    String base(String localHost) {
        return identity.publicBaseUrl().orElseGet(() -> {
            InetAddress local;
            try {
                local = InetAddress.getByName(localHost);
            } catch (IOException e) {
                throw new IllegalStateException("cannot tell the device where this node is: " + e.getMessage());
            }
            if (local.isLoopbackAddress() || local.isAnyLocalAddress()) {
                throw new IllegalStateException("this node reaches the device only over loopback, so the device could not "
                        + "fetch from it; set defiance.public-base-url");
            }
            String host = local.getHostAddress();
            int zone = host.indexOf('%');
            host = zone < 0 ? host : host.substring(0, zone);
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
        });
    }

    /**
     * This node's address towards a device: the source address the kernel picks for a route to it
     * (a UDP "connect" sends nothing).
     */
    public static String localHostFor(String deviceHost, int port) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(deviceHost, port));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IllegalStateException("no route from this node to " + deviceHost);
            }
            return local.getHostAddress();
        } catch (IOException e) {
            throw new IllegalStateException("no route from this node to " + deviceHost + ": " + e.getMessage());
        }
    }

    private static String absolute(String base, String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url;
        }
        return base + (url.startsWith("/") ? url : "/" + url);
    }
}
