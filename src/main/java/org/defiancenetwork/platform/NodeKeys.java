package org.defiancenetwork.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The node's Ed25519 key pair: it signs what the node publishes (catalogues, descriptors,
 * announcements, segment hashes) so other nodes and tools can tell it came from this node.
 * Created on first start in {@code <data-dir>/identity/node-ed25519.key} (PKCS#8 PEM, mode 0600;
 * the public half beside it in {@code node-ed25519.pub}); the private key never leaves the node.
 *
 * <p>The public node id is derived from the key, so it cannot be claimed by anyone else:
 * {@code "dn" + base32(SHA-256(raw 32-byte public key))[0..32]} (RFC 4648 alphabet, lower case,
 * 160 bits). {@link #nodeIdOf(byte[])} computes it for any key.
 */
@ApplicationScoped
public class NodeKeys {

    static final String KEY_FILE = "identity/node-ed25519.key";
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw key follows. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final NodeConfig config;
    private volatile KeyPair keys;

    NodeKeys(NodeConfig config) {
        this.config = config;
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        byte[] encoded = pair().getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The raw public key, base64url without padding: how descriptors and signatures name it. */
    public String publicKeyText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey());
    }

    public String nodeId() {
        return nodeIdOf(publicKey());
    }

    /** An Ed25519 signature over {@code data} (64 bytes). */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair().getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The signature as base64url without padding. */
    public String signText(String canonical) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sign(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a signature made by the holder of {@code rawPublicKey}; false for any malformed input. */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        if (rawPublicKey == null || rawPublicKey.length != 32 || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKeyFromRaw(rawPublicKey));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@link #verify(byte[], byte[], byte[])} over base64url texts, as they travel in JSON. */
    public static boolean verifyText(String publicKeyText, String canonical, String signatureText) {
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            return verify(b64.decode(publicKeyText), canonical.getBytes(StandardCharsets.UTF_8), b64.decode(signatureText));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    public static String nodeIdOf(byte[] rawPublicKey) {
        byte[] digest = Hashing.sha256().digest(rawPublicKey);
        StringBuilder id = new StringBuilder("dn");
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 20; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return id.toString();
    }

    public static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private KeyPair pair() {
        KeyPair known = keys;
        if (known == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = readOrCreate(config.dataPath().resolve(KEY_FILE));
                }
                known = keys;
            }
        }
        return known;
    }

    private static KeyPair readOrCreate(Path file) {
        Path publicFile = file.resolveSibling(file.getFileName().toString().replace(".key", ".pub"));
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(file) && Files.exists(publicFile)) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(readPem(file)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.getParent());
            writePem(publicFile, "PUBLIC KEY", fresh.getPublic().getEncoded(), "rw-r--r--");
            writePem(file, "PRIVATE KEY", fresh.getPrivate().getEncoded(), "rw-------");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node key in " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the node key in " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static byte[] readPem(Path file) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").strip());
    }

    /** Written beside the target and moved into place, so a crash never leaves half a key; mode set before the key is in it. */
    private static void writePem(Path file, String label, byte[] der, String mode) throws IOException {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
        }
        Files.writeString(partial, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
