package org.defiancenetwork.platform.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate the node makes for itself: for every name and address it can be reached at on
 * the LAN, kept in the data dir and made again when those names change or it nears its end. A
 * browser warns once; the fingerprint on /admin lets a person check it is this node's.
 */
final class SelfSignedCertificate {

    /** Browsers refuse server certificates valid for more than 398 days. */
    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private SelfSignedCertificate() {
    }

    /** Makes the certificate and key at {@code cert}/{@code key} unless a fitting one is already there. */
    static void ensure(Path cert, Path key, Set<String> names, String commonName) {
        Path namesFile = cert.resolveSibling("names.txt");
        String wanted = String.join("\n", new TreeSet<>(names));
        try {
            if (Files.exists(cert) && Files.exists(key) && Files.exists(namesFile)
                    && Files.readString(namesFile, StandardCharsets.UTF_8).equals(wanted)) {
                List<X509Certificate> chain = CertificateFiles.readChain(cert);
                if (!chain.isEmpty() && chain.get(0).getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
                    return;
                }
            }
            KeyPair pair = keyPair();
            X509Certificate made = make(pair, names, commonName, Instant.now(), VALIDITY);
            CertificateFiles.writeKey(key, pair.getPrivate());
            CertificateFiles.writeChain(cert, List.of(made));
            Files.writeString(namesFile, wanted, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the self-signed certificate in " + cert.getParent() + ": " + e.getMessage(), e);
        }
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every Java runtime", e);
        }
    }

    static X509Certificate make(KeyPair pair, Set<String> names, String commonName, Instant from, Duration validity) {
        try {
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;#]", " ").strip());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(from.minus(Duration.ofHours(1))),
                    Date.from(from.plus(validity)), subject, pair.getPublic());
            GeneralName[] alternatives = names.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate: " + e.getMessage(), e);
        }
    }

    /** localhost, the host name, every address of every interface that is up, and the extra names given. */
    static Set<String> localNames(List<String> extra) {
        Set<String> names = new TreeSet<>();
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // a host without a resolvable name still has its addresses
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (!address.isLinkLocalAddress()) {
                            names.add(address.getHostAddress().replaceAll("%.*$", ""));
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: the names above still work locally
        }
        extra.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
        return names;
    }

    private static GeneralName generalName(String name) {
        boolean address = IPV4.matcher(name).matches() || name.contains(":");
        return new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }
}
