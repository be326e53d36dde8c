package org.defiancenetwork.platform.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per network address, capped: a socket endpoint takes a slot when a connection
 * opens and gives it back when it closes, so one address cannot hold hundreds of sockets. Thread
 * safe; only addresses with open connections are kept.
 */
public final class ConnectionsPerAddress {

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    /** connection id → the address whose slot it holds */
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
    }

    /** Takes a slot for {@code connectionId} from {@code address}; false when the address has none left. */
    public boolean tryOpen(String connectionId, String address) {
        boolean[] taken = { false };
        open.compute(address, (a, count) -> {
            int n = count == null ? 0 : count;
            if (n >= max) {
                return count;
            }
            taken[0] = true;
            return n + 1;
        });
        if (taken[0]) {
            holders.put(connectionId, address);
        }
        return taken[0];
    }

    /** Gives back the slot {@code connectionId} held, if any. */
    public void closed(String connectionId) {
        String address = holders.remove(connectionId);
        if (address != null) {
            open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }

    public int max() {
        return max;
    }

    /** The host part of "host:port" as websockets-next reports a peer (IPv6 hosts contain colons too). */
    public static String host(String remoteAddress) {
        if (remoteAddress == null) {
            return "unknown";
        }
        int colon = remoteAddress.lastIndexOf(':');
        String host = colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
