package org.defiancenetwork.cast;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Which network interfaces discovery runs on ({@code defiance.cast.interfaces}). */
final class InterfaceSelection {

    /** An interface and the IPv4 address discovery uses on it (SSDP and Cast are IPv4 in practice). */
    record Chosen(NetworkInterface nic, InetAddress address) {
        String name() {
            return nic.getName();
        }
    }

    private InterfaceSelection() {
    }

    /** Names, each possibly ending in {@code *} for a prefix; empty means every usable interface. */
    static boolean matches(Optional<List<String>> patterns, String name) {
        if (patterns.isEmpty() || patterns.get().isEmpty()) {
            return true;
        }
        for (String pattern : patterns.get()) {
            String p = pattern.trim();
            if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    static List<Chosen> current(Optional<List<String>> patterns) {
        List<Chosen> chosen = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || !nic.supportsMulticast() || !matches(patterns, nic.getName())) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        chosen.add(new Chosen(nic, address));
                        break;
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return chosen;
    }
}
