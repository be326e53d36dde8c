package org.defiancenetwork.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SignedJsonTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TestKey key = new TestKey();

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Says() throws Exception {
        // RFC 8785 §3.2.3's own example of property sorting.
        JsonNode doc = json.readTree("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}");
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                CanonicalJson.of(doc));
    }

    @Test
    void writesNoWhitespaceNestsSortedAndEscapesOnlyWhatMustBe() throws Exception {
        JsonNode doc = json.readTree("{ \"b\" : [ 3 , { \"z\" : true, \"a\" : null } ],\n \"a\" : \"quote \\\" slash / tab \\t bell \\u0007 é\" }");
        assertEquals("{\"a\":\"quote \\\" slash / tab \\t bell \\u0007 é\",\"b\":[3,{\"a\":null,\"z\":true}]}", CanonicalJson.of(doc));
    }

    @Test
    void refusesFractionsRatherThanGuessTheirDigits() throws Exception {
        assertThrows(CanonicalJson.NotCanonicalizable.class, () -> CanonicalJson.of(json.readTree("{\"score\": 0.5}")));
        assertThrows(CanonicalJson.NotCanonicalizable.class, () -> CanonicalJson.of(json.readTree("{\"n\": 9007199254740993}")));
    }

    @Test
    void aSignedDocumentVerifiesHoweverItsMembersAreOrderedOrSpaced() throws Exception {
        ObjectNode signed = SignedJson.sign(document(), key::sign);
        JsonNode reordered = json.readTree("{\n  \"title\": \"Hello\",\n  \"signature\": \"" + signed.get("signature").asText() + "\",\n"
                + "  \"viewers\": 3, \"origin_key\": \"" + key.publicKey() + "\", \"type\": \"test-doc\", \"origin_id\": \"" + key.nodeId() + "\"\n}");
        assertEquals(key.publicKey(), SignedJson.verify(signed, "test-doc", "origin_id", "origin_key"));
        assertEquals(key.publicKey(), SignedJson.verify(reordered, "test-doc", "origin_id", "origin_key"));
    }

    @Test
    void aChangedMemberBreaksTheSignature() {
        ObjectNode signed = SignedJson.sign(document(), key::sign);
        signed.put("title", "Hello!");
        assertEquals(Rejected.BAD_SIGNATURE, reason(signed));
        ObjectNode added = SignedJson.sign(document(), key::sign);
        added.put("extra", "smuggled");
        assertEquals(Rejected.BAD_SIGNATURE, reason(added));
    }

    @Test
    void anotherKeysSignatureOrAnIdNotOfTheKeyIsRefused() {
        TestKey stranger = new TestKey();
        ObjectNode signedByStranger = SignedJson.sign(document(), stranger::sign);
        assertEquals(Rejected.BAD_SIGNATURE, reason(signedByStranger), "claims key's id, signed by another key");

        ObjectNode claimsOtherId = document().put("origin_key", stranger.publicKey());
        Rejected e = assertThrows(Rejected.class,
                () -> SignedJson.verify(SignedJson.sign(claimsOtherId, stranger::sign), "test-doc", "origin_id", "origin_key"));
        assertEquals(Rejected.WRONG_KEY, e.reason());
        assertEquals("origin_id " + key.nodeId() + " is not the id of the key in origin_key (that would be " + stranger.nodeId() + ")", e.getMessage());
    }

    @Test
    void aSignatureForOneTypeOfDocumentIsNotAnotherType() {
        ObjectNode signed = SignedJson.sign(document(), key::sign);
        Rejected e = assertThrows(Rejected.class, () -> SignedJson.verify(signed, "defiance-announcement", "origin_id", "origin_key"));
        assertEquals("type is 'test-doc', expected 'defiance-announcement'", e.getMessage());
    }

    @Test
    void malformedKeysAndMissingSignaturesAreRefusedPrecisely() {
        ObjectNode noSignature = document();
        assertEquals("signature is missing or not a non-empty string",
                assertThrows(Rejected.class, () -> SignedJson.verify(noSignature, "test-doc", "origin_id", "origin_key")).getMessage());
        ObjectNode shortKey = SignedJson.sign(document().put("origin_key", "AAAA"), key::sign);
        assertEquals("origin_key is 3 bytes, an Ed25519 key is 32",
                assertThrows(Rejected.class, () -> SignedJson.verify(shortKey, "test-doc", "origin_id", "origin_key")).getMessage());
    }

    private ObjectNode document() {
        return json.createObjectNode().put("type", "test-doc").put("origin_id", key.nodeId()).put("origin_key", key.publicKey())
                .put("title", "Hello").put("viewers", 3);
    }

    private static String reason(JsonNode doc) {
        return assertThrows(Rejected.class, () -> SignedJson.verify(doc, "test-doc", "origin_id", "origin_key")).reason();
    }
}
