package org.defiancenetwork.cast;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a renderer directly what it is doing, as any UPnP control point would: hand-written SOAP,
 * independent of the node's own client, so the tests check the renderer rather than the node's view of it.
 */
final class RendererControl {

    private static final String AVT = "urn:schemas-upnp-org:service:AVTransport:1";
    private static final String RC = "urn:schemas-upnp-org:service:RenderingControl:1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    RendererControl(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    String transportState() throws Exception {
        return value(call("/upnp/control/rendertransport1", AVT, "GetTransportInfo", ""), "CurrentTransportState");
    }

    /** RelTime in seconds. */
    double position() throws Exception {
        String rel = value(call("/upnp/control/rendertransport1", AVT, "GetPositionInfo", ""), "RelTime");
        String[] p = rel.split(":");
        return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Double.parseDouble(p[2]);
    }

    String trackUri() throws Exception {
        return value(call("/upnp/control/rendertransport1", AVT, "GetPositionInfo", ""), "TrackURI");
    }

    int volume() throws Exception {
        return Integer.parseInt(value(call("/upnp/control/rendercontrol1", RC, "GetVolume", "<Channel>Master</Channel>"), "CurrentVolume"));
    }

    boolean muted() throws Exception {
        String mute = value(call("/upnp/control/rendercontrol1", RC, "GetMute", "<Channel>Master</Channel>"), "CurrentMute");
        return mute.equals("1") || mute.equalsIgnoreCase("true");
    }

    private String call(String path, String service, String action, String arguments) throws Exception {
        String body = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action + " xmlns:u=\"" + service
                + "\"><InstanceID>0</InstanceID>" + arguments + "</u:" + action + "></s:Body></s:Envelope>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "text/xml; charset=\"utf-8\"").header("SOAPACTION", "\"" + service + "#" + action + "\"")
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String value(String xml, String element) {
        Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no " + element + " in " + xml);
        }
        return m.group(1).replace("&amp;", "&").trim();
    }
}
