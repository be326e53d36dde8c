package org.defiancenetwork.cast;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

import org.defiancenetwork.platform.net.UrlGuard;

/**
 * Checks an address someone typed for a device. Casting devices live on the node's own networks, so
 * only private, link-local and unique-local addresses are accepted: the node must not become a way
 * to open connections to the internet or to itself.
 */
record DeviceAddress(String host, int port, URI description) {

    private static final int MAX_LENGTH = 300;

    static DeviceAddress parse(String address, Integer port, Protocol protocol) {
        if (protocol == null) {
            throw new BadRequestException("protocol must be \"chromecast\" or \"dlna\"");
        }
        if (address == null || address.isBlank()) {
            throw new BadRequestException("address is required: the device's IP address or host name");
        }
        String text = address.strip();
        if (text.length() > MAX_LENGTH) {
            throw new BadRequestException("address is longer than " + MAX_LENGTH + " characters");
        }
        URI description = null;
        String host = text;
        int chosenPort = port == null ? protocol.defaultPort() : port;
        if (text.toLowerCase(Locale.ROOT).startsWith("http://")) {
            if (protocol != Protocol.DLNA) {
                throw new BadRequestException("a URL is only taken for DLNA (the renderer's description URL); "
                        + "give a Chromecast's IP address");
            }
            try {
                description = new UrlGuard(true).check(text);
            } catch (UrlGuard.Refused e) {
                throw new BadRequestException("address: " + e.getMessage());
            }
            host = description.getHost();
            chosenPort = description.getPort() < 0 ? 80 : description.getPort();
        } else if (text.contains("/") || text.contains("@") || text.contains(" ")) {
            throw new BadRequestException("address must be an IP address or host name" + (protocol == Protocol.DLNA
                    ? ", or the renderer's description URL (http://…)" : ""));
        }
        if (chosenPort < 1 || chosenPort > 65535) {
            throw new BadRequestException("port must be between 1 and 65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress resolved;
        try {
            resolved = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new BadRequestException("address: the host " + host + " does not resolve");
        }
        if (resolved.isLoopbackAddress() || resolved.isAnyLocalAddress()) {
            throw new BadRequestException("address " + host + " is this machine itself, not a device on its network");
        }
        if (resolved.isMulticastAddress() || !UrlGuard.isPrivate(resolved)) {
            throw new BadRequestException("address " + host + " is not on a local network; the node casts only to "
                    + "devices on its own networks");
        }
        return new DeviceAddress(resolved.getHostAddress(), chosenPort, description);
    }
}
