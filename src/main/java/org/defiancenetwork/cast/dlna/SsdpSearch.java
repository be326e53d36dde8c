package org.defiancenetwork.cast.dlna;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SSDP search (UDA 1.0, 1.2.2): an M-SEARCH for MediaRenderers sent to 239.255.255.250:1900 on one
 * interface; every renderer that hears it answers by unicast with the LOCATION of its
 * description. The node only searches; it does not listen for NOTIFY, so a renderer that
 * stops answering searches is forgotten after the device timeout.
 */
public final class SsdpSearch {

    /** One answer: where the description is, and for how long the answer holds (CACHE-CONTROL max-age). */
    public record Answer(URI location, String usn, String searchTarget, Duration maxAge) {
    }

    /** Not a static field: an address object made while the native image is built would be frozen into it. */
    private static InetSocketAddress group() {
        return new InetSocketAddress("239.255.255.250", 1900);
    }
    private static final int MAX_ANSWER = 8192;

    private SsdpSearch() {
    }

    /** The M-SEARCH request; {@code host} is the multicast group or, for a unicast search, the device. */
    public static String request(String searchTarget, int mxSeconds, String host) {
        return "M-SEARCH * HTTP/1.1\r\n"
                + "HOST: " + host + "\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: " + mxSeconds + "\r\n"
                + "ST: " + searchTarget + "\r\n"
                + "USER-AGENT: Linux/1 UPnP/1.1 DefianceNetwork/1\r\n\r\n";
    }

    /** Reads an answer to an M-SEARCH; empty for anything else (a NOTIFY, a search, junk). */
    public static Optional<Answer> parse(String datagram) {
        String[] lines = datagram.split("\r\n|\n");
        if (lines.length == 0 || !lines[0].toUpperCase(Locale.ROOT).startsWith("HTTP/1.") || !lines[0].contains(" 200")) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toUpperCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String location = headers.get("LOCATION");
        if (location == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(new Answer(uri, headers.getOrDefault("USN", ""), headers.getOrDefault("ST", ""),
                maxAge(headers.get("CACHE-CONTROL"))));
    }

    private static Duration maxAge(String cacheControl) {
        if (cacheControl != null) {
            for (String part : cacheControl.split(",")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("max-age")) {
                    try {
                        return Duration.ofSeconds(Long.parseLong(p.substring(p.indexOf('=') + 1).trim()));
                    } catch (NumberFormatException e) {
                        return Duration.ofMinutes(30);
                    }
                }
            }
        }
        return Duration.ofMinutes(30);
    }

    /**
     * Searches on one interface (from one of its addresses) and collects answers for {@code wait}.
     * Sent twice, as UDA recommends for UDP.
     */
    public static List<Answer> multicast(NetworkInterface nic, InetAddress from, String searchTarget, Duration wait)
            throws IOException {
        int mx = (int) Math.max(1, Math.min(5, wait.toSeconds()));
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(from, 0))) {
            socket.setNetworkInterface(nic);
            socket.setTimeToLive(2);
            byte[] search = request(searchTarget, mx, "239.255.255.250:1900").getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(search, search.length, group()));
            socket.send(new DatagramPacket(search, search.length, group()));
            return collect(socket, wait);
        }
    }

    /** A unicast search straight to a device that multicast does not reach (UDA 1.1, 1.3.3). */
    public static List<Answer> unicast(InetSocketAddress device, String searchTarget, Duration wait) throws IOException {
        try (MulticastSocket socket = new MulticastSocket(0)) {
            String host = device.getAddress().getHostAddress() + ":" + device.getPort();
            byte[] search = request(searchTarget, 1, host).getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(search, search.length, device));
            return collect(socket, wait);
        }
    }

    private static List<Answer> collect(MulticastSocket socket, Duration wait) throws IOException {
        Map<URI, Answer> answers = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[MAX_ANSWER];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                    .ifPresent(a -> answers.putIfAbsent(a.location(), a));
        }
        return List.copyOf(answers.values());
    }
}
