package org.defiancenetwork.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether the node may fetch a URL that a user or a peer gave it. Only http and https, no
 * credentials in the URL, and, unless the operator allows private targets, no address of this
 * machine or its networks (loopback, private, link-local, unique-local, carrier-grade NAT,
 * multicast, unspecified): otherwise anyone could make the node probe or attack what sits behind
 * it (SSRF). Every address a name resolves to must pass, so a name cannot smuggle one in.
 */
public final class UrlGuard {

    /** Why a URL was refused, in words fit for the person who gave it. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** Resolves host names; tests and callers may substitute their own. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public UrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** The parsed URL when the node may fetch it. */
    public URI check(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("no URL given");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("not a valid URL: " + e.getReason());
        }
        return check(uri);
    }

    public URI check(URI uri) throws Refused {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs can be fetched, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("URLs with credentials in them are not fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the URL has no host");
        }
        if (uri.getPort() > 65535) {
            throw new Refused("the URL's port is out of range");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            } catch (UnknownHostException e) {
                throw new Refused("the host " + host + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw new Refused("the host " + host + " is a private or local address (" + address.getHostAddress()
                            + "); this node does not fetch from its own networks");
                }
            }
        }
        return uri;
    }

    /** True for addresses that belong to this machine or a private network rather than the internet. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT, RFC 6598
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking, RFC 2544
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
