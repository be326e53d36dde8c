package org.defiancenetwork.platform.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeConfig;
import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** HTTPS on /admin: the mode, and the certificate served, with the fingerprint a visitor can compare. */
@ApplicationScoped
public class TlsSection implements AdminSection {

    /** The served certificate as people check it. */
    public record Served(String fingerprint, String subject, String issuer, List<String> names, Instant notAfter,
            boolean selfSigned) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(String mode, int httpsPort, Served certificate, String problem,
                AcmeCertificates.Attempt acme, boolean hsts);
    }

    private final TlsConfig tls;
    private final NodeConfig node;
    private final AcmeCertificates acme;

    TlsSection(TlsConfig tls, NodeConfig node, AcmeCertificates acme) {
        this.tls = tls;
        this.node = node;
        this.acme = acme;
    }

    @Override
    public String id() {
        return "tls";
    }

    @Override
    public String title() {
        return "HTTPS";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public TemplateInstance content() {
        Served served = null;
        String problem = null;
        if (tls.mode() != TlsConfig.Mode.OFF) {
            TlsConfigSource.Paths paths = TlsConfigSource.Paths.of(tls.mode(), node.dataPath(),
                    tls.files().certificate().orElse(""), tls.files().key().orElse(""));
            try {
                served = served(CertificateFiles.readChain(paths.cert()).get(0));
            } catch (Exception e) {
                problem = e.getMessage();
            }
        }
        return Templates.content(tls.mode().name().toLowerCase().replace('_', '-'), tls.httpsPort(), served, problem,
                acme.lastAttempt().orElse(null), tls.hsts());
    }

    static Served served(X509Certificate certificate) throws GeneralSecurityException {
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(Hashing.sha256().digest(certificate.getEncoded()));
        return new Served(hex, certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                names(certificate), certificate.getNotAfter().toInstant(),
                certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
    }

    private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            certificate.getSubjectAlternativeNames().forEach(entry -> names.add(String.valueOf(entry.get(1))));
        }
        return names;
    }

}
