package org.defiancenetwork.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.platform.NodeConfig;
import org.defiancenetwork.platform.Threads;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.ext.web.Router;

/**
 * Certificates from an ACME CA (RFC 8555; Let's Encrypt by default) for the host of
 * {@code defiance.public-base-url}, obtained and renewed by the node itself with acme4j (the ACME
 * library Quarkus's own {@code quarkus tls lets-encrypt} command uses). The http-01 challenge is
 * answered at {@code /.well-known/acme-challenge/{token}} on the HTTP port; the certificate goes
 * into the data dir, and Quarkus's TLS registry reloads it into the running HTTPS listener.
 *
 * <p>The challenge is served from memory here rather than through Quarkus's
 * {@code /q/lets-encrypt/challenge} endpoint: that endpoint lets whoever reaches it set the answer,
 * which on a node's public port would let anyone pass validation for the node's domain.
 */
@ApplicationScoped
public class AcmeCertificates {

    private static final Logger LOG = Logger.getLogger(AcmeCertificates.class);
    static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";
    private static final Duration POLL_LIMIT = Duration.ofMinutes(2);

    /** What the last attempt did, for the admin page. */
    public record Attempt(Instant at, boolean ok, String message) {
    }

    private final TlsConfig tls;
    private final NodeConfig node;
    private final TlsConfigurationRegistry registry;
    private final Event<CertificateUpdatedEvent> updated;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile Attempt last;

    AcmeCertificates(TlsConfig tls, NodeConfig node, TlsConfigurationRegistry registry, Event<CertificateUpdatedEvent> updated) {
        this.tls = tls;
        this.node = node;
        this.registry = registry;
        this.updated = updated;
    }

    /** Serves http-01 answers; only in acme mode, where the CA asks for them over plain HTTP. */
    void route(@Observes Router router) {
        if (tls.mode() != TlsConfig.Mode.ACME) {
            return;
        }
        router.get(CHALLENGE_PATH + ":token").order(-100).handler(ctx -> {
            String answer = answers.get(ctx.pathParam("token"));
            if (answer == null) {
                ctx.response().setStatusCode(404).end();
            } else {
                ctx.response().putHeader("Content-Type", "text/plain").end(answer);
            }
        });
    }

    void start(@Observes StartupEvent started) {
        if (tls.mode() != TlsConfig.Mode.ACME) {
            return;
        }
        timer = Threads.scheduler("acme");
        long every = io.quarkus.runtime.configuration.DurationConverter.parseDuration(tls.acme().checkInterval()).toSeconds();
        // the first check waits a moment for the HTTP port, which the CA calls back on
        timer.scheduleWithFixedDelay(this::check, 1, Math.max(1, every), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(last);
    }

    /** Obtains a certificate when there is none from the CA yet or the one there expires within renew-before. */
    void check() {
        String host = TlsConfigSource.acmeHost(node.publicBaseUrl().orElse(null));
        Path dir = node.dataPath().resolve("tls/acme");
        try {
            List<X509Certificate> current = CertificateFiles.readChain(dir.resolve("cert.pem"));
            X509Certificate leaf = current.get(0);
            boolean standIn = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
            if (!standIn && leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(tls.acme().renewBefore()))) {
                return;
            }
            obtain(host, dir);
            reload();
            X509Certificate fresh = CertificateFiles.readChain(dir.resolve("cert.pem")).get(0);
            last = new Attempt(Instant.now(), true, "certificate for " + host + " valid until " + fresh.getNotAfter().toInstant());
            LOG.infof("ACME: new certificate for %s from %s, valid until %s", host, tls.acme().directoryUrl(),
                    fresh.getNotAfter().toInstant());
        } catch (Exception e) {
            last = new Attempt(Instant.now(), false, e.getMessage());
            LOG.warnf("ACME: no certificate for %s from %s: %s (next try in %s)", host, tls.acme().directoryUrl(),
                    e.getMessage(), tls.acme().checkInterval());
        }
    }

    private void obtain(String host, Path dir) throws AcmeException, IOException, InterruptedException {
        Session session = new Session(URI.create(tls.acme().directoryUrl()), new TrustingProvider(tls.acme().trustCertificate()));
        Path accountKeyFile = dir.resolve("account.key");
        KeyPair accountKey;
        if (Files.exists(accountKeyFile)) {
            accountKey = CertificateFiles.readKeyPair(accountKeyFile);
        } else {
            accountKey = SelfSignedCertificate.keyPair();
            CertificateFiles.writeKeyPair(accountKeyFile, accountKey);
        }
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        tls.acme().email().ifPresent(builder::addEmail);
        Account account = builder.create(session);

        // an address (RFC 8738) for a node known by IP, else a domain name
        boolean address = host.matches("[0-9.]+") || host.contains(":");
        Order order = (address ? account.newOrder().identifier(Identifier.ip(InetAddress.getByName(host)))
                : account.newOrder().domain(host)).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new AcmeException("the CA offers no http-01 challenge for " + host));
            answers.put(challenge.getToken(), challenge.getAuthorization());
            try {
                challenge.trigger();
                if (authorization.waitForCompletion(POLL_LIMIT) != Status.VALID) {
                    throw new AcmeException("the CA could not validate " + host + ": "
                            + challenge.getError().map(Object::toString).orElse("no reason given"));
                }
            } finally {
                answers.remove(challenge.getToken());
            }
        }
        KeyPair domainKey = SelfSignedCertificate.keyPair();
        order.waitUntilReady(POLL_LIMIT);
        order.execute(domainKey);
        if (order.waitForCompletion(POLL_LIMIT) != Status.VALID) {
            throw new AcmeException("the order for " + host + " failed: " + order.getError().map(Object::toString).orElse("?"));
        }
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        CertificateFiles.writeKey(dir.resolve("key.pem"), domainKey.getPrivate());
        CertificateFiles.writeChain(dir.resolve("cert.pem"), chain);
    }

    private void reload() {
        TlsConfiguration configuration = registry.getDefault()
                .orElseThrow(() -> new IllegalStateException("no default TLS configuration to reload"));
        if (!configuration.reload()) {
            throw new IllegalStateException("the TLS registry could not load the new certificate");
        }
        updated.fire(new CertificateUpdatedEvent("<default>", configuration));
    }

    /** Until the CA's first certificate arrives, HTTPS serves a self-made one for the host. */
    static void ensureStandIn(Path cert, Path key, String host) {
        if (Files.exists(cert) && Files.exists(key)) {
            return;
        }
        KeyPair pair = SelfSignedCertificate.keyPair();
        X509Certificate standIn = SelfSignedCertificate.make(pair, Set.of(host), host + " (until the ACME certificate arrives)",
                Instant.now(), Duration.ofDays(30));
        CertificateFiles.writeKey(key, pair.getPrivate());
        CertificateFiles.writeChain(cert, List.of(standIn));
    }

    /** The usual trust, or only a private CA when one is configured (a test CA such as pebble, an in-house CA). */
    static final class TrustingProvider extends GenericAcmeProvider {

        private final Optional<String> extraCa;

        TrustingProvider(Optional<String> extraCa) {
            this.extraCa = extraCa;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.getTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (extraCa.isPresent()) {
                builder.sslContext(sslContextTrusting(Path.of(extraCa.get())));
            }
            return builder.build();
        }

        private static SSLContext sslContextTrusting(Path caFile) {
            try (InputStream in = Files.newInputStream(caFile)) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (var ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException("cannot trust the CA certificate in " + caFile + ": " + e.getMessage(), e);
            }
        }
    }
}
