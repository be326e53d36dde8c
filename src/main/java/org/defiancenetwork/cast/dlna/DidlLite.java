package org.defiancenetwork.cast.dlna;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The DIDL-Lite metadata (ContentDirectory:1, 2.8) that goes with SetAVTransportURI: title, class
 * and the res element with its protocolInfo, so the renderer knows what it is about to fetch.
 */
public final class DidlLite {

    private static final String DIDL = "urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String UPNP = "urn:schemas-upnp-org:metadata-1-0/upnp/";

    private DidlLite() {
    }

    /** One item; {@code duration} in seconds or null. */
    public static String item(String title, String creator, String url, String contentType, Double duration,
            String albumArt) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartElement("DIDL-Lite");
            xml.writeDefaultNamespace(DIDL);
            xml.writeNamespace("dc", DC);
            xml.writeNamespace("upnp", UPNP);
            xml.writeStartElement("item");
            xml.writeAttribute("id", "0");
            xml.writeAttribute("parentID", "-1");
            xml.writeAttribute("restricted", "1");
            text(xml, "dc", DC, "title", title);
            if (creator != null) {
                text(xml, "dc", DC, "creator", creator);
            }
            text(xml, "upnp", UPNP, "class", itemClass(contentType));
            if (albumArt != null) {
                text(xml, "upnp", UPNP, "albumArtURI", albumArt);
            }
            xml.writeStartElement("res");
            xml.writeAttribute("protocolInfo", "http-get:*:" + contentType + ":*");
            if (duration != null) {
                xml.writeAttribute("duration", UpnpTime.format(duration) + ".000");
            }
            xml.writeCharacters(url);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write DIDL-Lite", e);
        }
    }

    static String itemClass(String contentType) {
        if (contentType.startsWith("audio/")) {
            return "object.item.audioItem.musicTrack";
        }
        if (contentType.startsWith("image/")) {
            return "object.item.imageItem";
        }
        return "object.item.videoItem";
    }

    private static void text(XMLStreamWriter xml, String prefix, String ns, String name, String value) throws XMLStreamException {
        xml.writeStartElement(prefix, name, ns);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
