package org.defiancenetwork.mesh;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Text ⇄ messages on the signaling socket: the one place a browser's message is parsed, checked
 * against the protocol's limits and turned into a {@link PeerMessage}, or refused with the error
 * the browser gets.
 */
@ApplicationScoped
class SignalingProtocol {

    /** A message, or why there is none. */
    record Decoded(PeerMessage message, NodeMessage.Error error) {
    }

    private final MeshConfig config;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    SignalingProtocol(MeshConfig config, ObjectMapper json) {
        this.config = config;
        // Numbers that do not fit a long are an error, never silently wrapped or truncated.
        this.reader = json.readerFor(PeerMessage.class)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.writer = json.writerFor(NodeMessage.class);
    }

    Decoded decode(String text) {
        if (text.length() > config.maxMessageBytes()) {
            return refused(tooLarge());
        }
        try {
            PeerMessage message = reader.readValue(text);
            return message == null ? refused(badMessage("Messages are JSON objects with a type.")) : new Decoded(message, null);
        } catch (InvalidTypeIdException e) {
            String type = e.getTypeId();
            return refused(type == null ? badMessage("Messages are JSON objects with a type.")
                    : new NodeMessage.Error("unknown-type", "Unknown message type '" + abbreviate(type) + "'."));
        } catch (ValueInstantiationException e) {
            Throwable why = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            return refused(badMessage(why == e ? "Malformed message." : why.getMessage()));
        } catch (JsonProcessingException | RuntimeException e) {
            return refused(badMessage("Messages are JSON objects with a type and the fields of that type."));
        }
    }

    int maxMessageBytes() {
        return config.maxMessageBytes();
    }

    NodeMessage.Error tooLarge() {
        return new NodeMessage.Error("too-large", "Messages are limited to " + config.maxMessageBytes() + " bytes.");
    }

    String encode(NodeMessage message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message, e);
        }
    }

    private static Decoded refused(NodeMessage.Error error) {
        return new Decoded(null, error);
    }

    private static NodeMessage.Error badMessage(String why) {
        return new NodeMessage.Error("bad-message", why);
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
