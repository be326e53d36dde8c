package org.defiancenetwork.cast.dlna;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * UPnP control (UDA 1.0, 3.2): an action is a SOAP 1.1 POST to the service's control URL with a
 * SOAPACTION header; the answer holds the out arguments, a fault holds a UPnPError. Control URLs
 * come from a device description on the LAN, never from a user.
 */
public final class SoapClient {

    private static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final int MAX_ANSWER = 256 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public SoapClient(Duration timeout, Executor executor) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The SOAP request body for an action; arguments in the order the service defines them. */
    public static String envelope(String serviceType, String action, Map<String, String> arguments) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("utf-8", "1.0");
            xml.writeStartElement("s", "Envelope", ENVELOPE);
            xml.writeNamespace("s", ENVELOPE);
            xml.writeAttribute("s", ENVELOPE, "encodingStyle", "http://schemas.xmlsoap.org/soap/encoding/");
            xml.writeStartElement("s", "Body", ENVELOPE);
            xml.writeStartElement("u", action, serviceType);
            xml.writeNamespace("u", serviceType);
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                xml.writeStartElement(argument.getKey());
                xml.writeCharacters(argument.getValue());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a SOAP envelope", e);
        }
    }

    /** Calls an action and returns its out arguments by name. */
    public Map<String, String> invoke(URI control, String serviceType, String action, Map<String, String> arguments)
            throws UpnpError {
        HttpRequest request = HttpRequest.newBuilder(control).timeout(timeout)
                .header("Content-Type", "text/xml; charset=\"utf-8\"")
                .header("SOAPACTION", "\"" + serviceType + "#" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(serviceType, action, arguments), StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UpnpError(action + " could not reach the renderer: " + describe(e), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpnpError(action + " was interrupted", 0);
        }
        byte[] body = response.body();
        if (body.length > MAX_ANSWER) {
            throw new UpnpError(action + ": the renderer's answer is too large", 0);
        }
        return answer(action, response.statusCode(), body);
    }

    /** Out arguments of a 200, or the UPnPError of a fault. */
    public static Map<String, String> answer(String action, int status, byte[] body) throws UpnpError {
        Document doc;
        try {
            doc = Xml.parse(body);
        } catch (IOException e) {
            throw new UpnpError(action + ": the renderer answered HTTP " + status + " with " + e.getMessage(), 0);
        }
        Element bodyElement = Xml.child(doc.getDocumentElement(), "Body");
        if (bodyElement == null) {
            throw new UpnpError(action + ": the renderer's answer has no SOAP body (HTTP " + status + ")", 0);
        }
        Element fault = Xml.child(bodyElement, "Fault");
        if (status != 200 || fault != null) {
            Element upnp = fault == null ? null : Xml.child(Xml.child(fault, "detail"), "UPnPError");
            String code = upnp == null ? null : Xml.childText(upnp, "errorCode");
            String description = upnp == null ? null : Xml.childText(upnp, "errorDescription");
            int number = 0;
            try {
                number = code == null ? 0 : Integer.parseInt(code);
            } catch (NumberFormatException e) {
                // keep 0: the description still says what happened
            }
            throw new UpnpError("the renderer refused " + action + " (" + (code == null ? "HTTP " + status : "UPnP error " + code)
                    + (description == null || description.isBlank() ? "" : ": " + description) + ")", number);
        }
        Element response = Xml.child(bodyElement, action + "Response");
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n = response == null ? null : response.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.put(Xml.localNameOf(e), e.getTextContent());
            }
        }
        return out;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
