package org.defiancenetwork.cast.dlna;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A UPnP device description (UDA 1.0, 2.3): who the renderer is and where its services' control
 * URLs are. Relative URLs resolve against URLBase if the device gives one, else the address the
 * description was fetched from.
 */
public record DeviceDescription(String udn, String deviceType, String friendlyName, String manufacturer,
        String modelName, Map<String, URI> controlUrls) {

    public static final String MEDIA_RENDERER = "urn:schemas-upnp-org:device:MediaRenderer:1";
    public static final String AV_TRANSPORT = "urn:schemas-upnp-org:service:AVTransport:1";
    public static final String RENDERING_CONTROL = "urn:schemas-upnp-org:service:RenderingControl:1";
    public static final String CONNECTION_MANAGER = "urn:schemas-upnp-org:service:ConnectionManager:1";

    public static DeviceDescription parse(byte[] xml, URI location) throws IOException {
        Document doc = Xml.parse(xml);
        Element root = doc.getDocumentElement();
        Element device = Xml.child(root, "device");
        if (device == null) {
            throw new IOException("the description has no <device>");
        }
        String base = Xml.childText(root, "URLBase");
        URI resolveAgainst = location;
        if (base != null && !base.isBlank()) {
            try {
                resolveAgainst = URI.create(base);
            } catch (IllegalArgumentException e) {
                // a broken URLBase: the description's own address still works for relative URLs
            }
        }
        Map<String, URI> controls = new HashMap<>();
        collectServices(device, resolveAgainst, controls);
        String udn = Xml.childText(device, "UDN");
        if (udn == null || udn.isBlank()) {
            throw new IOException("the description has no UDN");
        }
        return new DeviceDescription(udn, Xml.childText(device, "deviceType"), Xml.childText(device, "friendlyName"),
                Xml.childText(device, "manufacturer"), Xml.childText(device, "modelName"), Map.copyOf(controls));
    }

    /** Services of the device and its embedded devices (a TV may put its renderer in a sub-device). */
    private static void collectServices(Element device, URI base, Map<String, URI> controls) throws IOException {
        Element services = Xml.child(device, "serviceList");
        for (Node n = services == null ? null : services.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element service && "service".equals(Xml.localNameOf(service))) {
                String type = Xml.childText(service, "serviceType");
                String control = Xml.childText(service, "controlURL");
                if (type != null && control != null && !control.isBlank()) {
                    try {
                        controls.putIfAbsent(type, base.resolve(control.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("unusable controlURL '" + control + "'");
                    }
                }
            }
        }
        Element embedded = Xml.child(device, "deviceList");
        for (Node n = embedded == null ? null : embedded.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element sub && "device".equals(Xml.localNameOf(sub))) {
                collectServices(sub, base, controls);
            }
        }
    }

    public URI control(String serviceType) {
        return controlUrls.get(serviceType);
    }

    public boolean isRenderer() {
        return controlUrls.containsKey(AV_TRANSPORT);
    }
}
