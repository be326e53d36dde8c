package org.defiancenetwork.discovery;

import java.util.Base64;
import java.util.function.UnaryOperator;

import org.defiancenetwork.platform.NodeKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How nodes sign what they publish: an Ed25519 signature (base64url, no padding) over the UTF-8
 * bytes of the document's RFC 8785 canonical form without its {@code signature} member, stored in
 * that member. Every document names its type in {@code type}, so a signature made for one kind of
 * document cannot be passed off as another; and names its signer's key, whose derived node id
 * must be the id the document claims, so nobody can sign in another node's name.
 */
public final class SignedJson {

    public static final String SIGNATURE = "signature";

    private SignedJson() {
    }

    /** A copy of {@code document} with this node's signature. */
    public static ObjectNode sign(ObjectNode document, NodeKeys keys) {
        return sign(document, keys::signText);
    }

    /** Signs with any Ed25519 signer of canonical text (base64url signature), e.g. a key of a test. */
    public static ObjectNode sign(ObjectNode document, UnaryOperator<String> signer) {
        ObjectNode signed = document.deepCopy();
        signed.remove(SIGNATURE);
        signed.put(SIGNATURE, signer.apply(CanonicalJson.of(signed, SIGNATURE)));
        return signed;
    }

    /**
     * Checks that {@code document} is of {@code type}, that the key in {@code keyField} belongs to
     * the node id in {@code idField}, and that the signature is that key's. Returns the key.
     */
    public static String verify(JsonNode document, String type, String idField, String keyField) throws Rejected {
        if (document == null || !document.isObject()) {
            throw new Rejected(Rejected.MALFORMED, "not a JSON object");
        }
        String actualType = document.path("type").asText("");
        if (!type.equals(actualType)) {
            throw new Rejected(Rejected.MALFORMED, "type is '" + actualType + "', expected '" + type + "'");
        }
        String id = text(document, idField);
        String key = text(document, keyField);
        String signature = text(document, SIGNATURE);
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejected.MALFORMED, keyField + " is not base64url");
        }
        if (raw.length != 32) {
            throw new Rejected(Rejected.MALFORMED, keyField + " is " + raw.length + " bytes, an Ed25519 key is 32");
        }
        if (!NodeKeys.nodeIdOf(raw).equals(id)) {
            throw new Rejected(Rejected.WRONG_KEY, idField + " " + id + " is not the id of the key in " + keyField
                    + " (that would be " + NodeKeys.nodeIdOf(raw) + ")");
        }
        String canonical;
        try {
            canonical = CanonicalJson.of(document, SIGNATURE);
        } catch (CanonicalJson.NotCanonicalizable e) {
            throw new Rejected(Rejected.MALFORMED, e.getMessage());
        }
        if (!NodeKeys.verifyText(key, canonical, signature)) {
            throw new Rejected(Rejected.BAD_SIGNATURE, "the signature does not match the document and the key of " + id);
        }
        return key;
    }

    static String text(JsonNode document, String field) throws Rejected {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new Rejected(Rejected.MALFORMED, field + " is missing or not a non-empty string");
        }
        return value.textValue();
    }
}
