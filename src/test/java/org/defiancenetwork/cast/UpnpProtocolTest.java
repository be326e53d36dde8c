package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.defiancenetwork.cast.dlna.DeviceDescription;
import org.defiancenetwork.cast.dlna.DidlLite;
import org.defiancenetwork.cast.dlna.SoapClient;
import org.defiancenetwork.cast.dlna.SsdpSearch;
import org.defiancenetwork.cast.dlna.UpnpError;
import org.defiancenetwork.cast.dlna.UpnpTime;
import org.junit.jupiter.api.Test;

/** SSDP answers, device descriptions, SOAP answers and faults as Debian's gmediarender sends them. */
class UpnpProtocolTest {

    @Test
    void readsAnSsdpAnswer() {
        String answer = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=100\r\nEXT:\r\n"
                + "LOCATION: http://10.213.7.2:49494/description.xml\r\nSERVER: Linux, UPnP/1.0, Portable SDK for UPnP devices/1.8.4\r\n"
                + "ST: urn:schemas-upnp-org:device:MediaRenderer:1\r\nUSN: uuid:GMediaRender-1_0-000-000-002::urn:schemas-upnp-org:device:MediaRenderer:1\r\n\r\n";
        SsdpSearch.Answer a = SsdpSearch.parse(answer).orElseThrow();
        assertEquals(URI.create("http://10.213.7.2:49494/description.xml"), a.location());
        assertEquals(Duration.ofSeconds(100), a.maxAge());
        assertTrue(SsdpSearch.parse("NOTIFY * HTTP/1.1\r\nLOCATION: http://a/\r\n\r\n").isEmpty(), "not an answer");
        assertTrue(SsdpSearch.parse("HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n\r\n").isEmpty(), "only http descriptions");
        assertTrue(SsdpSearch.request("urn:schemas-upnp-org:device:MediaRenderer:1", 2, "239.255.255.250:1900")
                .startsWith("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\n"));
    }

    @Test
    void readsGmediarendersDescription() throws Exception {
        DeviceDescription d = DeviceDescription.parse(resource("gmediarender-description.xml"),
                URI.create("http://10.213.7.2:49494/description.xml"));
        assertEquals("TestRenderer", d.friendlyName());
        assertEquals("gmediarender", d.modelName());
        assertEquals("uuid:GMediaRender-1_0-000-000-002", d.udn());
        assertEquals(URI.create("http://10.213.7.2:49494/upnp/control/rendertransport1"), d.control(DeviceDescription.AV_TRANSPORT));
        assertEquals(URI.create("http://10.213.7.2:49494/upnp/control/rendercontrol1"), d.control(DeviceDescription.RENDERING_CONTROL));
        assertTrue(d.isRenderer());
    }

    @Test
    void refusesDescriptionsWithDoctypes() {
        byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<root><device><UDN>&x;</UDN></device></root>").getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> DeviceDescription.parse(hostile, URI.create("http://10.0.0.2/")));
    }

    @Test
    void readsOutArgumentsAndFaults() throws Exception {
        Map<String, String> position = SoapClient.answer("GetPositionInfo", 200, resource("gmediarender-position.xml"));
        assertEquals("0:00:00", position.get("RelTime"));
        assertEquals("NOT_IMPLEMENTED", position.get("AbsTime"));
        UpnpError fault = assertThrows(UpnpError.class, () -> SoapClient.answer("Fly", 500, resource("gmediarender-fault.xml")));
        assertEquals(501, fault.code());
        assertEquals("the renderer refused Fly (UPnP error 501: Action Failed)", fault.getMessage());
    }

    @Test
    void writesEnvelopesAndDidlWithEverythingEscaped() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("InstanceID", "0");
        String didl = DidlLite.item("Owls & <friends>", "Night \"Owls\"", "http://10.0.0.1:8080/media/x/recording.mp4",
                "video/mp4", 3903.0, null);
        args.put("CurrentURIMetaData", didl);
        String envelope = SoapClient.envelope("urn:schemas-upnp-org:service:AVTransport:1", "SetAVTransportURI", args);
        assertTrue(didl.contains("<dc:title>Owls &amp; &lt;friends&gt;</dc:title>"), didl);
        assertTrue(didl.contains("protocolInfo=\"http-get:*:video/mp4:*\""), didl);
        assertTrue(didl.contains("duration=\"1:05:03.000\""), didl);
        assertTrue(didl.contains("<upnp:class>object.item.videoItem</upnp:class>"), didl);
        assertTrue(envelope.contains("<u:SetAVTransportURI xmlns:u=\"urn:schemas-upnp-org:service:AVTransport:1\">"), envelope);
        assertTrue(envelope.contains("&lt;DIDL-Lite"), "metadata travels as escaped text: " + envelope);
        assertTrue(DidlLite.item("a", null, "http://x/a.m4a", "audio/mp4", null, null).contains("object.item.audioItem.musicTrack"));
    }

    @Test
    void upnpTimesBothWays() {
        assertEquals("0:00:07", UpnpTime.format(7.9));
        assertEquals("1:05:03", UpnpTime.format(3903));
        assertEquals(3903.5, UpnpTime.parse("1:05:03.500"));
        assertEquals(12.5, UpnpTime.parse("0:00:12.1/2"));
        assertEquals(7.0, UpnpTime.parse("00:00:07"));
        assertNull(UpnpTime.parse("NOT_IMPLEMENTED"));
        assertNull(UpnpTime.parse("0:61:00"));
        assertNull(UpnpTime.parse(""));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = UpnpProtocolTest.class.getResourceAsStream("/cast/" + name)) {
            return in.readAllBytes();
        }
    }
}
