package org.defiancenetwork.platform.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Reading and writing PEM certificate chains and keys; keys are written 0600 and moved into place whole. */
final class CertificateFiles {

    private CertificateFiles() {
    }

    static List<X509Certificate> readChain(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            List<X509Certificate> chain = new ArrayList<>();
            all.forEach(c -> chain.add((X509Certificate) c));
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IOException("not a PEM certificate: " + file, e);
        }
    }

    static void writeChain(Path file, List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate c : chain) {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        write(file, pem.toString(), "rw-r--r--");
    }

    static void writeKey(Path file, PrivateKey key) {
        write(file, pem("PRIVATE KEY", key.getEncoded()), "rw-------");
    }

    /** An EC key pair kept as its PKCS#8 private and X.509 public halves, one PEM block each. */
    static KeyPair readKeyPair(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY"))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY"))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not an EC key pair: " + file, e);
        }
    }

    static void writeKeyPair(Path file, KeyPair pair) {
        write(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                "rw-------");
    }

    private static byte[] block(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no " + label);
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + label.length() + 16, end).strip());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void write(Path file, String content, String mode) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(partial);
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(partial);
            }
            Files.writeString(partial, content, StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
