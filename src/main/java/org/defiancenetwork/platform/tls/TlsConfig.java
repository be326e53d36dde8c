package org.defiancenetwork.platform.tls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the node serves HTTPS ({@code defiance.tls.*}). The certificate files of each mode are handed
 * to Quarkus's TLS registry by {@link TlsConfigSource}; this mapping documents and validates the keys.
 */
@ConfigMapping(prefix = "defiance.tls")
public interface TlsConfig {

    enum Mode {
        /** HTTP only: fine on localhost; pages reached over plain HTTP from elsewhere explain how to get HTTPS. */
        OFF,
        /** A certificate this node makes for its own names and addresses, kept in the data dir. */
        SELF_SIGNED,
        /** A certificate from an ACME CA (Let's Encrypt) for the host of defiance.public-base-url, renewed by the node. */
        ACME,
        /** PEM files the operator provides (and renews); reloaded when they change. */
        FILES
    }

    @WithDefault("off")
    Mode mode();

    /** The HTTPS port when a mode other than off is on (HTTP stays on quarkus.http.port). */
    @WithDefault("8443")
    int httpsPort();

    /** Send Strict-Transport-Security on HTTPS answers. Opt in only once HTTPS works for good: browsers remember it. */
    @WithDefault("false")
    boolean hsts();

    @WithDefault("P365D")
    Duration hstsMaxAge();

    SelfSigned selfSigned();

    Files files();

    Acme acme();

    interface SelfSigned {
        /** Extra names and addresses for the certificate, besides localhost, the host name and every interface address. */
        Optional<List<String>> names();
    }

    interface Files {
        /** PEM certificate (chain) file. */
        Optional<String> certificate();

        /** PEM private key file. */
        Optional<String> key();

        /** How often the files are checked for a change. */
        @WithDefault("PT1M")
        Duration reloadPeriod();
    }

    interface Acme {
        /** The CA's ACME directory. */
        @WithDefault("https://acme-v02.api.letsencrypt.org/directory")
        String directoryUrl();

        /** Contact address given to the CA (expiry warnings). */
        Optional<String> email();

        /** A PEM CA certificate to trust for the directory's HTTPS, for a private or test CA. */
        Optional<String> trustCertificate();

        /** Renew once the certificate expires within this. */
        @WithDefault("P30D")
        Duration renewBefore();

        /** How often the expiry is checked. */
        @WithDefault("12h")
        String checkInterval();
    }
}
