package org.defiancenetwork.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small LAN of the test's own: a network namespace joined to this one by a veth pair on a /30,
 * with multicast routed over it. Devices (gmediarender, a Cast test device) run inside it and are
 * reached at {@link #deviceAddress()}; the node is at {@link #hostAddress()} on interface
 * {@link #hostInterface()} ({@code dfc…}, the only interfaces tests let discovery use).
 * Needs CAP_NET_ADMIN: {@link #create()} fails with a clear message where namespaces cannot be made.
 */
public final class LanNamespace implements AutoCloseable {

    private final String name;
    private final String hostInterface;
    private final String deviceInterface;
    private final String hostAddress;
    private final String deviceAddress;

    private LanNamespace(String tag, int subnet) {
        this.name = "dfc" + tag;
        this.hostInterface = "dfc" + tag + "h";
        this.deviceInterface = "dfc" + tag + "d";
        int third = subnet / 64;
        int fourth = subnet % 64 * 4;
        this.hostAddress = "10.213." + third + "." + (fourth + 1);
        this.deviceAddress = "10.213." + third + "." + (fourth + 2);
    }

    /** Why namespaces cannot be made here, or null when they can. */
    public static String unavailableBecause() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'ip netns' does not work here: " + out.strip();
            }
            return null;
        } catch (IOException e) {
            return "the 'ip' tool (iproute2) is missing: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public static LanNamespace create() throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LanNamespace lan = new LanNamespace(Integer.toString(random.nextInt(10000, 99999)), random.nextInt(0, 256 * 64));
        try {
            lan.run("ip", "netns", "add", lan.name);
            lan.run("ip", "link", "add", lan.hostInterface, "type", "veth", "peer", "name", lan.deviceInterface);
            lan.run("ip", "link", "set", lan.deviceInterface, "netns", lan.name);
            lan.run("ip", "addr", "add", lan.hostAddress + "/30", "dev", lan.hostInterface);
            lan.run("ip", "link", "set", lan.hostInterface, "up");
            lan.inside("ip", "addr", "add", lan.deviceAddress + "/30", "dev", lan.deviceInterface);
            lan.inside("ip", "link", "set", lan.deviceInterface, "up");
            lan.inside("ip", "link", "set", "lo", "up");
            // SSDP (239.255.255.250) and mDNS (224.0.0.251) leave the namespace over the veth.
            lan.inside("ip", "route", "add", "224.0.0.0/4", "dev", lan.deviceInterface);
        } catch (IOException | RuntimeException e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    public String hostInterface() {
        return hostInterface;
    }

    public String hostAddress() {
        return hostAddress;
    }

    public String deviceAddress() {
        return deviceAddress;
    }

    public String deviceInterface() {
        return deviceInterface;
    }

    /** A process inside the namespace. */
    public ProcessBuilder process(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return new ProcessBuilder(full);
    }

    private void inside(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Deleting the namespace takes the veth pair with it.
        new ProcessBuilder("ip", "netns", "delete", name).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
        new ProcessBuilder("ip", "link", "delete", hostInterface).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }
}
