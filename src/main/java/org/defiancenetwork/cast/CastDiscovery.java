package org.defiancenetwork.cast;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.cast.dlna.DeviceDescription;
import org.defiancenetwork.cast.dlna.SsdpSearch;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.Threads;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Looks for devices on the chosen interfaces: mDNS for Cast receivers all the time, an SSDP search
 * for renderers every {@code search-interval} (and when someone opens the device picker), and the
 * devices added by address. One thread of its own does all of it.
 */
@ApplicationScoped
public class CastDiscovery {

    private static final Logger LOG = Logger.getLogger(CastDiscovery.class);
    private static final Duration SSDP_WAIT = Duration.ofSeconds(2);
    /** Searches asked for by pages come at most this often. */
    private static final long MIN_SEARCH_GAP_MS = 5000;

    private final CastConfig config;
    private final Devices devices;
    private final DeviceProbe probe;
    private final NodeIdentity node;
    private final Map<String, MdnsBrowser> browsers = new HashMap<>();
    /** Description URLs already probed, and when; re-probed only after they expire. */
    private final Map<URI, String> locations = new HashMap<>();
    private final AtomicLong lastSearch = new AtomicLong();
    private ScheduledThreadPoolExecutor thread;

    CastDiscovery(CastConfig config, Devices devices, DeviceProbe probe, NodeIdentity node) {
        this.config = config;
        this.devices = devices;
        this.probe = probe;
        this.node = node;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            LOG.info("casting is off (defiance.cast.enabled=false)");
            return;
        }
        thread = Threads.scheduler("cast-discovery");
        thread.execute(this::loadAdded);
        long every = config.searchInterval().toMillis();
        thread.scheduleWithFixedDelay(this::search, 0, every, TimeUnit.MILLISECONDS);
    }

    /** A search soon, unless one ran a moment ago (the device picker opened). */
    public void searchSoon() {
        long now = System.currentTimeMillis();
        long last = lastSearch.get();
        if (thread != null && now - last > MIN_SEARCH_GAP_MS && lastSearch.compareAndSet(last, now)) {
            thread.execute(this::search);
        }
    }

    private void search() {
        lastSearch.set(System.currentTimeMillis());
        try {
            List<InterfaceSelection.Chosen> chosen = InterfaceSelection.current(config.interfaces());
            keepBrowsers(chosen);
            for (InterfaceSelection.Chosen nic : chosen) {
                ssdp(nic);
            }
            browsers.values().forEach(MdnsBrowser::refresh);
            devices.expire(config.deviceTimeout());
        } catch (RuntimeException e) {
            LOG.warnf(e, "device search failed");
        }
    }

    private void keepBrowsers(List<InterfaceSelection.Chosen> chosen) {
        Set<String> wanted = new HashSet<>();
        for (InterfaceSelection.Chosen nic : chosen) {
            String key = nic.name() + "/" + nic.address().getHostAddress();
            wanted.add(key);
            if (!browsers.containsKey(key)) {
                try {
                    browsers.put(key, MdnsBrowser.start(nic.address(), devices));
                    LOG.infof("looking for Cast devices on %s (%s)", nic.name(), nic.address().getHostAddress());
                } catch (IOException e) {
                    LOG.warnf("no mDNS on %s: %s", nic.name(), e.getMessage());
                }
            }
        }
        browsers.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    private void ssdp(InterfaceSelection.Chosen nic) {
        List<SsdpSearch.Answer> answers;
        try {
            answers = SsdpSearch.multicast(nic.nic(), nic.address(), DeviceDescription.MEDIA_RENDERER, SSDP_WAIT);
        } catch (IOException e) {
            LOG.debugf("SSDP search on %s failed: %s", nic.name(), e.getMessage());
            return;
        }
        for (SsdpSearch.Answer answer : answers) {
            String known = locations.get(answer.location());
            if (known != null && devices.find(known).isPresent()) {
                devices.find(known).ifPresent(d -> devices.seen(d.seenAt(Instant.now())));
                continue;
            }
            try {
                CastDevice device = probe.renderer(answer.location(), null, false);
                locations.put(answer.location(), device.id());
                devices.seen(device);
            } catch (IOException e) {
                LOG.debugf("renderer at %s: %s", answer.location(), e.getMessage());
            }
        }
    }

    private void loadAdded() {
        List<AddedDevice> added = QuarkusTransaction.requiringNew()
                .call(() -> AddedDevice.<AddedDevice>list("nodeId", node.id()));
        for (AddedDevice d : added) {
            Protocol protocol = Protocol.of(d.protocol);
            CastDevice device = null;
            if (protocol == Protocol.DLNA && d.description != null) {
                try {
                    device = probe.renderer(URI.create(d.description), d.name, true);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.infof("added renderer %s does not answer: %s", d.name, e.getMessage());
                }
            }
            if (device == null) {
                device = new CastDevice(d.id, d.name, protocol, protocol == Protocol.DLNA ? "UPnP renderer" : "Cast receiver",
                        d.host, d.port, true, protocol == Protocol.CHROMECAST, d.createdAt, null, null);
            }
            devices.seen(device);
        }
    }

    /** Checks what answers at an address someone typed, and keeps it. */
    public CastDevice add(DeviceAddress address, Protocol protocol, String name) throws IOException {
        CastDevice device;
        URI description = address.description();
        if (protocol == Protocol.CHROMECAST) {
            device = probe.chromecast(address.host(), address.port(), name, true);
        } else if (description != null) {
            device = probe.renderer(description, name, true);
        } else {
            List<SsdpSearch.Answer> answers = SsdpSearch.unicast(new InetSocketAddress(address.host(), address.port()),
                    DeviceDescription.MEDIA_RENDERER, SSDP_WAIT);
            if (answers.isEmpty()) {
                throw new IOException("no renderer answered a search at " + address.host() + ":" + address.port()
                        + "; give its description URL (http://…/description.xml) as the address instead");
            }
            description = answers.get(0).location();
            device = probe.renderer(description, name, true);
        }
        URI describedAt = description;
        CastDevice kept = device;
        QuarkusTransaction.requiringNew().run(() -> {
            AddedDevice row = AddedDevice.findById(kept.id());
            if (row == null) {
                row = new AddedDevice();
                row.id = kept.id();
                row.createdAt = Instant.now();
            }
            row.nodeId = node.id();
            row.protocol = kept.protocol().wire();
            row.name = kept.name();
            row.host = kept.host();
            row.port = kept.port();
            row.description = describedAt == null ? null : describedAt.toString();
            row.persist();
        });
        devices.seen(kept);
        return kept;
    }

    /** Forgets a device added by address; discovered ones come back by themselves, so only added ones go. */
    public boolean remove(String id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> AddedDevice.deleteById(id));
        if (deleted) {
            devices.remove(id);
        }
        return deleted;
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
        browsers.values().forEach(MdnsBrowser::close);
        browsers.clear();
    }
}
