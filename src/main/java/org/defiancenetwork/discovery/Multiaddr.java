package org.defiancenetwork.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a registry says a node lives, as this node dials it: the {@code multiaddr} of the original's
 * registry may hold a plain http(s) URL, or a multiaddr of the form
 * {@code /dns4|dns6|dns|ip4|ip6/<host>/tcp/<port>/http|https|tls/http}, optionally ending in
 * {@code /p2p/<id>} (ignored: the node's id comes from its signed descriptor). Other transports
 * (the original's libp2p {@code /udp/.../quic}, a bare {@code /tcp}) are refused: nodes speak HTTP.
 */
public final class Multiaddr {

    /** Why a multiaddr cannot be dialled, precisely. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IP4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IP6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Multiaddr() {
    }

    /** The base URL of the node at {@code address} (no trailing slash). */
    public static URI toBaseUrl(String address) {
        if (address == null || address.isBlank()) {
            throw new Invalid("is empty");
        }
        String a = address.strip();
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url(a);
        }
        if (!a.startsWith("/")) {
            throw new Invalid("'" + a + "' is neither an http(s) URL nor a multiaddr (/dns4|ip4/<host>/tcp/<port>/http(s))");
        }
        String[] p = a.substring(1).split("/", -1);
        if (p.length < 5) {
            throw new Invalid("'" + a + "' is too short: expected /<dns4|dns6|dns|ip4|ip6>/<host>/tcp/<port>/<http|https>");
        }
        String protocol = p[0].toLowerCase(Locale.ROOT);
        String host = p[1];
        switch (protocol) {
            case "ip4" -> {
                if (!IP4.matcher(host).matches()) {
                    throw new Invalid("'" + host + "' in '" + a + "' is not an IPv4 address");
                }
            }
            case "ip6" -> {
                if (!IP6.matcher(host).matches() || !host.contains(":")) {
                    throw new Invalid("'" + host + "' in '" + a + "' is not an IPv6 address");
                }
                host = "[" + host + "]";
            }
            case "dns", "dns4", "dns6" -> {
                if (!DNS_NAME.matcher(host).matches()) {
                    throw new Invalid("'" + host + "' in '" + a + "' is not a DNS name");
                }
            }
            default -> throw new Invalid("'" + a + "' starts with /" + p[0] + "; expected /dns4, /dns6, /dns, /ip4 or /ip6");
        }
        if (!p[2].equalsIgnoreCase("tcp")) {
            throw new Invalid("'" + a + "' uses /" + p[2] + " where /tcp is needed: nodes speak HTTP over TCP");
        }
        int port;
        try {
            port = Integer.parseInt(p[3]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new Invalid("port '" + p[3] + "' in '" + a + "' is not between 1 and 65535");
        }
        int next = 4;
        String scheme;
        if (p[next].equalsIgnoreCase("https")) {
            scheme = "https";
            next++;
        } else if (p[next].equalsIgnoreCase("tls") && p.length > next + 1 && p[next + 1].equalsIgnoreCase("http")) {
            scheme = "https";
            next += 2;
        } else if (p[next].equalsIgnoreCase("http")) {
            scheme = "http";
            next++;
        } else {
            throw new Invalid("'" + a + "' has /" + p[next] + " after the port; expected /http, /https or /tls/http");
        }
        if (next < p.length) {
            boolean peerSuffix = p[next].equalsIgnoreCase("p2p") && p.length == next + 2 && !p[next + 1].isEmpty();
            if (!peerSuffix) {
                throw new Invalid("'" + a + "' continues after /" + scheme + " with '/" + String.join("/", java.util.Arrays.copyOfRange(p, next, p.length))
                        + "'; only /p2p/<id> may follow");
            }
        }
        return url(scheme + "://" + host + ":" + port);
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new Invalid("'" + text + "' is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new Invalid("'" + text + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new Invalid("'" + text + "' must be a plain base URL, without query, fragment or credentials");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        // One spelling per address, so a node listed as a URL and as a multiaddr is one peer.
        boolean defaultPort = port < 0 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + path);
    }
}
