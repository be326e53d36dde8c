package org.defiancenetwork.platform.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
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

    static KeyPair readKeyPair(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return org.shredzone.acme4j.util.KeyPairUtils.readKeyPair(reader);
        }
    }

    static void writeKeyPair(Path file, KeyPair pair) {
        try {
            var out = new java.io.StringWriter();
            org.shredzone.acme4j.util.KeyPairUtils.writeKeyPair(pair, out);
            write(file, out.toString(), "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
