package org.defiancenetwork.platform.tls;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Turns {@code defiance.tls.mode} into Quarkus's own HTTPS settings: the HTTPS port and the PEM
 * files of the default TLS configuration in Quarkus's TLS registry, which serves them, reloads them
 * and hands renewed ones to the HTTP server. Certificates the node makes itself (self-signed, and
 * the stand-in an ACME node serves until its first certificate arrives) are made here, when Quarkus
 * first asks for their paths at start, because the HTTPS listener needs them before any bean runs.
 * Settings given explicitly (quarkus.tls.*, quarkus.http.ssl-port) win over these.
 */
public class TlsConfigSource implements ConfigSourceFactory {

    static final int ORDINAL = 245;
    static final String CERT = "quarkus.tls.key-store.pem.node.cert";
    static final String KEY = "quarkus.tls.key-store.pem.node.key";

    /** Where a mode's files live: under the data dir, except in files mode. */
    record Paths(Path cert, Path key) {
        static Paths of(TlsConfig.Mode mode, Path dataDir, String certificate, String key) {
            return switch (mode) {
                case SELF_SIGNED -> new Paths(dataDir.resolve("tls/self-signed/cert.pem"), dataDir.resolve("tls/self-signed/key.pem"));
                case ACME -> new Paths(dataDir.resolve("tls/acme/cert.pem"), dataDir.resolve("tls/acme/key.pem"));
                case FILES -> new Paths(Path.of(certificate), Path.of(key));
                case OFF -> null;
            };
        }
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        TlsConfig.Mode mode = mode(raw(context, "defiance.tls.mode", "off"));
        if (mode == TlsConfig.Mode.OFF) {
            return List.of();
        }
        Path dataDir = Path.of(raw(context, "defiance.data-dir", "./data"));
        String certificate = raw(context, "defiance.tls.files.certificate", null);
        String key = raw(context, "defiance.tls.files.key", null);
        if (mode == TlsConfig.Mode.FILES && (certificate == null || key == null)) {
            throw new IllegalStateException("defiance.tls.mode=files needs defiance.tls.files.certificate and defiance.tls.files.key");
        }
        Paths paths = Paths.of(mode, dataDir, certificate, key);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("quarkus.http.ssl-port", raw(context, "defiance.tls.https-port", "8443"));
        values.put("quarkus.http.insecure-requests", "enabled");
        values.put(CERT, paths.cert().toString());
        values.put(KEY, paths.key().toString());
        if (mode == TlsConfig.Mode.FILES) {
            values.put("quarkus.tls.reload-period", raw(context, "defiance.tls.files.reload-period", "PT1M"));
        }
        Runnable prepare = switch (mode) {
            case SELF_SIGNED -> () -> SelfSignedCertificate.ensure(paths.cert(), paths.key(),
                    SelfSignedCertificate.localNames(list(raw(context, "defiance.tls.self-signed.names", ""))),
                    raw(context, "defiance.node-name", "Defiance Node") + " (self-signed)");
            case ACME -> () -> AcmeCertificates.ensureStandIn(paths.cert(), paths.key(),
                    acmeHost(raw(context, "defiance.public-base-url", null)));
            default -> () -> { };
        };
        return List.of(new PreparedSource(values, prepare));
    }

    static TlsConfig.Mode mode(String value) {
        return TlsConfig.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The host an ACME certificate is for: that of the public base URL, which acme mode requires. */
    static String acmeHost(String publicBaseUrl) {
        if (publicBaseUrl == null || URI.create(publicBaseUrl).getHost() == null) {
            throw new IllegalStateException("defiance.tls.mode=acme needs defiance.public-base-url (https://your.domain)");
        }
        return URI.create(publicBaseUrl).getHost();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String raw(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    /** Hands out the settings; the files behind the certificate paths are made on the first ask for them. */
    static final class PreparedSource implements ConfigSource {

        private final Map<String, String> values;
        private final Runnable prepare;
        private volatile boolean prepared;

        PreparedSource(Map<String, String> values, Runnable prepare) {
            this.values = values;
            this.prepare = prepare;
        }

        @Override
        public Set<String> getPropertyNames() {
            return new TreeSet<>(values.keySet());
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.copyOf(values);
        }

        @Override
        public String getValue(String name) {
            if ((CERT.equals(name) || KEY.equals(name)) && !prepared) {
                synchronized (this) {
                    if (!prepared) {
                        prepare.run();
                        prepared = true;
                    }
                }
            }
            return values.get(name);
        }

        @Override
        public String getName() {
            return "defiance.tls.mode";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }
}
