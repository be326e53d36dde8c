package org.defiancenetwork.audigy.augy;

import java.util.Base64;

import org.defiancenetwork.platform.NodeKeys;

/**
 * The {@code signature} of a catalogue: {@code ed25519:<public key>:<signature>}, both base64url
 * without padding, the signature made with the node's Ed25519 key over the catalogue's
 * {@link CanonicalForm}. The signer is named by its node id, derived from the key.
 */
public final class Signatures {

    public static final String PREFIX = "ed25519:";

    public enum State { SIGNED, UNSIGNED, INVALID }

    /** What a catalogue's signature says: who signed it, or why it does not hold. */
    public record Verdict(State state, String signer, String publicKey, String reason) {

        static Verdict unsigned() {
            return new Verdict(State.UNSIGNED, null, null, null);
        }

        static Verdict invalid(String publicKey, String reason) {
            return new Verdict(State.INVALID, publicKey == null ? null : signerOf(publicKey), publicKey, reason);
        }
    }

    private Signatures() {
    }

    public static Catalogue sign(Catalogue catalogue, NodeKeys keys) {
        return sign(catalogue, keys.publicKeyText(), keys::signText);
    }

    /**
     * Signs with any Ed25519 signer: {@code signText} gives the base64url signature of a text,
     * {@code publicKeyText} is the signer's raw public key in base64url.
     */
    public static Catalogue sign(Catalogue catalogue, String publicKeyText, java.util.function.UnaryOperator<String> signText) {
        return catalogue.withSignature(PREFIX + publicKeyText + ":" + signText.apply(CanonicalForm.of(catalogue)));
    }

    public static Verdict verify(Catalogue catalogue) {
        String value = catalogue.signature();
        if (value == null || value.isBlank()) {
            return Verdict.unsigned();
        }
        if (!value.startsWith(PREFIX)) {
            return Verdict.invalid(null, "the signature is not of the form ed25519:<public key>:<signature>");
        }
        String[] parts = value.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Verdict.invalid(null, "the signature is not of the form ed25519:<public key>:<signature>");
        }
        String publicKey = parts[0];
        if (signerOf(publicKey) == null) {
            return Verdict.invalid(null, "the signature's public key is not a 32-byte Ed25519 key in base64url");
        }
        if (!NodeKeys.verifyText(publicKey, CanonicalForm.of(catalogue), parts[1])) {
            return Verdict.invalid(publicKey, "the signature does not match the catalogue's content: it was changed after signing, or signed by another key");
        }
        return new Verdict(State.SIGNED, signerOf(publicKey), publicKey, null);
    }

    private static String signerOf(String publicKeyText) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(publicKeyText);
            return raw.length == 32 ? NodeKeys.nodeIdOf(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
