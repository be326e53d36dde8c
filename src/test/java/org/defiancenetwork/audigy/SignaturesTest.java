package org.defiancenetwork.audigy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.AugyWriter;
import org.defiancenetwork.audigy.augy.CanonicalForm;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Signatures;
import org.defiancenetwork.platform.NodeKeys;
import org.junit.jupiter.api.Test;

/** The canonical form a signature covers, and the signed / unsigned / invalid verdicts. */
class SignaturesTest {

    private final KeyPair pair = keyPair();
    private final String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
            Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44));

    private Catalogue sign(Catalogue c) {
        return Signatures.sign(c, publicKey, text -> {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void canonicalFormIsSortedCompactAndNumberNormalised() throws Exception {
        String yaml = """
                version: "1.0"
                zeta: 1
                metadata: {title: "Ünïcode \\"quoted\\"", tags: [b, a]}
                entries:
                  - id: 6f1c2a3e-8d4b-4c5a-9e6f-0a1b2c3d4e5f
                    metadata: {title: T, duration: 1800.50, size: 12, episode_number: 3}
                    uri_points: [https://a.example/x.mp3]
                    extra_number: 1.8005e3
                    whole: 1800.0
                signature: "ignored"
                """;
        Catalogue c = AugyReader.read(yaml.getBytes(StandardCharsets.UTF_8), null).catalogue();
        assertEquals("{\"entries\":[{\"extra_number\":1800.5,\"id\":\"6f1c2a3e-8d4b-4c5a-9e6f-0a1b2c3d4e5f\","
                + "\"metadata\":{\"duration\":1800.5,\"episode_number\":3,\"size\":12,\"title\":\"T\"},"
                + "\"uri_points\":[\"https://a.example/x.mp3\"],\"whole\":1800}],"
                + "\"metadata\":{\"tags\":[\"b\",\"a\"],\"title\":\"Ünïcode \\\"quoted\\\"\"},\"version\":\"1.0\",\"zeta\":1}",
                CanonicalForm.of(c));
    }

    @Test
    void aSignatureHoldsInEverySyntaxAndNamesItsSigner() throws Exception {
        Catalogue original = AugyReader.read(AugyReaderTest.resource("owls.json"), null).catalogue();
        Catalogue signed = sign(original);
        assertTrue(signed.signature().startsWith("ed25519:" + publicKey + ":"));
        for (AugyFormat format : AugyFormat.values()) {
            Catalogue travelled = AugyReader.read(AugyWriter.write(signed, format), null).catalogue();
            Signatures.Verdict verdict = Signatures.verify(travelled);
            assertEquals(Signatures.State.SIGNED, verdict.state(), format + ": " + verdict.reason());
            assertEquals(NodeKeys.nodeIdOf(Base64.getUrlDecoder().decode(publicKey)), verdict.signer());
        }
    }

    @Test
    void anyChangeOrAnotherKeyMakesItInvalid() throws Exception {
        Catalogue signed = sign(AugyReader.read(AugyReaderTest.resource("owls.yaml"), null).catalogue());
        String yaml = new String(AugyWriter.write(signed, AugyFormat.YAML), StandardCharsets.UTF_8);

        Catalogue changedUnknown = AugyReader.read(yaml.replace("calm", "agitated").getBytes(StandardCharsets.UTF_8), null).catalogue();
        Signatures.Verdict verdict = Signatures.verify(changedUnknown);
        assertEquals(Signatures.State.INVALID, verdict.state(), "unknown members are covered too");
        assertTrue(verdict.reason().contains("does not match"));

        String otherKey = signed.signature().replace(publicKey, Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
        assertEquals(Signatures.State.INVALID, Signatures.verify(signed.withSignature(otherKey)).state());
        assertEquals(Signatures.State.INVALID, Signatures.verify(signed.withSignature("rsa:abc")).state());
        assertEquals(Signatures.State.INVALID, Signatures.verify(signed.withSignature("ed25519:short:sig")).state());
        Signatures.Verdict unsigned = Signatures.verify(signed.withSignature(null));
        assertEquals(Signatures.State.UNSIGNED, unsigned.state());
        assertNull(unsigned.signer());
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
