package org.defiancenetwork.cast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

import org.jboss.logging.Logger;

/**
 * Finds Cast receivers on one interface by mDNS/DNS-SD ({@code _googlecast._tcp.local.}); the TXT
 * record gives the friendly name ({@code fn}), the model ({@code md}) and a stable {@code id}.
 */
final class MdnsBrowser implements ServiceListener, AutoCloseable {

    static final String SERVICE = "_googlecast._tcp.local.";
    private static final Logger LOG = Logger.getLogger(MdnsBrowser.class);

    private final JmDNS jmdns;
    private final Devices devices;
    private final Map<String, String> idsByName = new ConcurrentHashMap<>();

    private MdnsBrowser(JmDNS jmdns, Devices devices) {
        this.jmdns = jmdns;
        this.devices = devices;
    }

    static MdnsBrowser start(InetAddress address, Devices devices) throws IOException {
        JmDNS jmdns = JmDNS.create(address, "defiance-" + address.getHostAddress().replace('.', '-').replace(':', '-'));
        MdnsBrowser browser = new MdnsBrowser(jmdns, devices);
        jmdns.addServiceListener(SERVICE, browser);
        return browser;
    }

    @Override
    public void serviceAdded(ServiceEvent event) {
        jmdns.requestServiceInfo(event.getType(), event.getName(), 1000);
    }

    @Override
    public void serviceRemoved(ServiceEvent event) {
        String id = idsByName.remove(event.getName());
        if (id != null) {
            devices.gone(id);
        }
    }

    @Override
    public void serviceResolved(ServiceEvent event) {
        seen(event.getInfo());
    }

    /** Asks again who is there, so devices that still answer stay fresh. */
    void refresh() {
        for (ServiceInfo info : jmdns.list(SERVICE, 1500)) {
            seen(info);
        }
    }

    private void seen(ServiceInfo info) {
        if (info == null || info.getPort() <= 0) {
            return;
        }
        Inet4Address[] addresses = info.getInet4Addresses();
        if (addresses.length == 0) {
            return;
        }
        String txtId = info.getPropertyString("id");
        String key = txtId == null || txtId.isBlank() ? info.getName() : txtId;
        String id = "cc-" + key.replaceAll("[^A-Za-z0-9-]", "").toLowerCase();
        if (id.length() > 70) {
            id = id.substring(0, 70);
        }
        String name = info.getPropertyString("fn");
        String model = info.getPropertyString("md");
        idsByName.put(info.getName(), id);
        devices.seen(new CastDevice(id, name == null || name.isBlank() ? info.getName() : name, Protocol.CHROMECAST,
                model == null ? "Chromecast" : model, addresses[0].getHostAddress(), info.getPort(), false, true,
                Instant.now(), null, null));
    }

    @Override
    public void close() {
        try {
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing mDNS: %s", e.getMessage());
        }
    }
}
