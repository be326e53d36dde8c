package org.defiancenetwork.platform.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.Chromium;
import org.defiancenetwork.testing.NodeProcess;
import org.defiancenetwork.testing.Studio;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.path.json.JsonPath;

/**
 * The node as a LAN or Internet host runs it: HTTPS in each mode (self-signed, ACME against Debian's
 * pebble, operator files), a browser going live over HTTPS at a LAN name, and the account security
 * that only shows on a fresh node or across a restart (the first admin, the kept session key).
 */
class TlsModesIT {

    private static final String LAN_NAME = "lan-node.test";
    private static final String PASSWORD = "a long passphrase";

    @Test
    void selfSignedNodeOnALanNameServesHttpsAndABroadcasterGoesLive() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-self-");
        int https = freePort();
        Map<String, String> settings = Map.of("defiance.data-dir", dataDir.toString(), "defiance.tls.mode", "self-signed",
                "defiance.tls.https-port", Integer.toString(https), "defiance.tls.self-signed.names", LAN_NAME);
        WebSession admin;
        String fingerprint;
        try (NodeProcess node = NodeProcess.start("tls-self-signed", settings)) {
            admin = exactlyOneOfSixSimultaneousFirstSignUpsIsAdmin(node);

            X509Certificate served = servedCertificate(https);
            assertTrue(served.getSubjectAlternativeNames().stream().anyMatch(n -> LAN_NAME.equals(n.get(1))), "LAN name in the certificate");
            fingerprint = TlsSection.served(served).fingerprint();
            admin.request().get(node.baseUrl() + "/admin").then().statusCode(200)
                    .body(containsString("id=\"tls-mode\">self-signed<"))
                    .body(containsString(fingerprint));

            // plain HTTP at a LAN name is sent to HTTPS; the session cookie over HTTPS is Secure
            given().redirects().follow(false).header("Host", LAN_NAME + ":" + node.port()).get(node.baseUrl() + "/broadcast")
                    .then().statusCode(301).header("Location", "https://" + LAN_NAME + ":" + https + "/broadcast");
            String httpsBase = "https://127.0.0.1:" + https;
            RestAssured.config = RestAssured.config().sslConfig(SSLConfig.sslConfig().relaxedHTTPSValidation());
            try {
                WebSession overHttps = new WebSession();
                overHttps.page(httpsBase + "/signin");
                String setCookie = overHttps.postForm(httpsBase + "/signin", Map.of("username", "first0", "password", PASSWORD))
                        .then().statusCode(303).extract().header("Set-Cookie");
                assertTrue(setCookie.contains("defiance-session=") && setCookie.contains("Secure"), setCookie);
            } finally {
                RestAssured.reset();
            }

            broadcasterGoesLiveOverHttps(https);

            Path key = dataDir.resolve("secrets/session.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            String log = node.log();
            assertFalse(log.contains(Files.readString(key).strip()), "the session key is never logged");
            assertFalse(log.contains("Encryption key was not specified"), log);
        }
        // a restart keeps the certificate and every session
        try (NodeProcess node = NodeProcess.start("tls-self-signed-2", settings)) {
            assertEquals(fingerprint, TlsSection.served(servedCertificate(https)).fingerprint());
            admin.request().get(node.baseUrl() + "/api/node").then().statusCode(200).body("starts", org.hamcrest.Matchers.equalTo(2));
        }
    }

    @Test
    void acmeNodeGetsItsCertificateFromPebbleAndRenewsIt() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-acme-");
        int https = freePort();
        int directoryPort = freePort();
        int managementPort = freePort();
        // pebble's own HTTPS certificate, which the node is told to trust
        Path pebbleCert = work.resolve("pebble-cert.pem");
        var pebbleKeys = SelfSignedCertificate.keyPair();
        CertificateFiles.writeChain(pebbleCert, List.of(SelfSignedCertificate.make(pebbleKeys, Set.of("127.0.0.1", "localhost"),
                "pebble test", Instant.now(), Duration.ofDays(2))));
        CertificateFiles.writeKey(work.resolve("pebble-key.pem"), pebbleKeys.getPrivate());

        Map<String, String> settings = Map.of("defiance.data-dir", work.resolve("data").toString(),
                "defiance.tls.mode", "acme", "defiance.tls.https-port", Integer.toString(https),
                "defiance.public-base-url", "https://127.0.0.1:" + https,
                "defiance.tls.acme.directory-url", "https://127.0.0.1:" + directoryPort + "/dir",
                "defiance.tls.acme.trust-certificate", pebbleCert.toString(),
                // every check renews: pebble's certificates last years, the test cannot wait for that
                "defiance.tls.acme.renew-before", "P36500D",
                "defiance.tls.acme.check-interval", "3s");
        try (NodeProcess node = NodeProcess.start("tls-acme", settings)) {
            X509Certificate standIn = servedCertificate(https);
            assertEquals(standIn.getSubjectX500Principal(), standIn.getIssuerX500Principal(), "a stand-in until the CA answers");
            Process pebble = startPebble(work, directoryPort, managementPort, node.port());
            try {
                X509Certificate first = Await.until(Duration.ofSeconds(90), "a certificate from pebble is served", () -> {
                    X509Certificate c = servedCertificate(https);
                    return c.getIssuerX500Principal().getName().contains("Pebble") ? c : null;
                });
                assertTrue(first.getSubjectAlternativeNames().stream().anyMatch(n -> "127.0.0.1".equals(n.get(1))));
                X509Certificate renewed = Await.until(Duration.ofSeconds(90), "a renewed certificate is served", () -> {
                    X509Certificate c = servedCertificate(https);
                    return c.getIssuerX500Principal().getName().contains("Pebble")
                            && !c.getSerialNumber().equals(first.getSerialNumber()) ? c : null;
                });
                assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber());
                assertTrue(node.log().contains("ACME: new certificate for 127.0.0.1"), "logged");
            } finally {
                pebble.destroy();
                pebble.waitFor();
            }
        }
    }

    @Test
    void filesModeServesTheOperatorsFilesAndReloadsThemWhenTheyChange() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-files-");
        int https = freePort();
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        X509Certificate first = writeCertificate(cert, key, "first.example");
        Map<String, String> settings = Map.of("defiance.data-dir", work.resolve("data").toString(),
                "defiance.tls.mode", "files", "defiance.tls.https-port", Integer.toString(https),
                "defiance.tls.files.certificate", cert.toString(), "defiance.tls.files.key", key.toString(),
                "defiance.tls.files.reload-period", "PT1S", "defiance.tls.hsts", "true");
        try (NodeProcess node = NodeProcess.start("tls-files", settings)) {
            Await.until(Duration.ofSeconds(60), "the operator's files are served",
                    () -> servedCertificate(https).getSerialNumber().equals(first.getSerialNumber()));
            X509Certificate second = writeCertificate(cert, key, "second.example");
            Await.until(Duration.ofSeconds(30), "the changed files are served",
                    () -> servedCertificate(https).getSerialNumber().equals(second.getSerialNumber()));
            RestAssured.config = RestAssured.config().sslConfig(SSLConfig.sslConfig().relaxedHTTPSValidation());
            try {
                given().get("https://127.0.0.1:" + https + "/").then().statusCode(200)
                        .header("Strict-Transport-Security", "max-age=31536000");
            } finally {
                RestAssured.reset();
            }
            given().get(node.baseUrl() + "/").then().header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
        }
    }

    /** Six people sign up at once on a fresh node: one of them, no more, becomes its admin. */
    private static WebSession exactlyOneOfSixSimultaneousFirstSignUpsIsAdmin(NodeProcess node) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<WebSession>> signUps = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "first" + i;
                signUps.add(pool.submit(() -> WebSession.signUp(node.baseUrl(), name, PASSWORD)));
            }
            List<WebSession> admins = new ArrayList<>();
            for (Future<WebSession> signUp : signUps) {
                WebSession session = signUp.get();
                int status = session.request().get(node.baseUrl() + "/api/node").statusCode();
                assertTrue(status == 200 || status == 403, "status " + status);
                if (status == 200) {
                    admins.add(session);
                }
            }
            assertEquals(1, admins.size(), "admins among six simultaneous first sign-ups");
            return admins.get(0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void broadcasterGoesLiveOverHttps(int https) throws Exception {
        String base = "https://" + LAN_NAME + ":" + https;
        try (Chromium browser = Chromium.start("--ignore-certificate-errors", "--host-resolver-rules=MAP " + LAN_NAME + " 127.0.0.1")) {
            // collect Content-Security-Policy violations from the first script on every page on
            ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
            String broadcastId = Studio.goLive(browser, base, "Owls over HTTPS");
            assertTrue(browser.driver().getCurrentUrl().startsWith(base), browser.driver().getCurrentUrl());
            assertEquals(Boolean.TRUE, browser.script("return window.isSecureContext"));
            RestAssured.config = RestAssured.config().sslConfig(SSLConfig.sslConfig().relaxedHTTPSValidation());
            try {
                JsonPath live = Await.until(Duration.ofSeconds(60), "the node receives the camera over HTTPS", () -> {
                    JsonPath s = given().get("https://127.0.0.1:" + https + "/api/broadcasts/" + broadcastId).jsonPath();
                    return "LIVE".equals(s.getString("state")) && s.getLong("ingest.framesReceived") > 30 ? s : null;
                });
                assertEquals("LIVE", live.getString("state"));
            } finally {
                RestAssured.reset();
            }
            browser.driver().get(base + "/watch/" + broadcastId);
            browser.await(Duration.ofSeconds(60), "the watch page plays over HTTPS", d -> Studio.currentTime(browser) > 1);
            assertEquals("[]", String.valueOf(browser.script("return JSON.stringify(window.cspViolations)")),
                    "no Content-Security-Policy violations");
        }
    }

    private static Process startPebble(Path work, int directoryPort, int managementPort, int nodeHttpPort) throws IOException {
        Path config = work.resolve("pebble.json");
        Files.writeString(config, """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(directoryPort, managementPort, work.resolve("pebble-cert.pem"), work.resolve("pebble-key.pem"),
                nodeHttpPort, freePort()));
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", config.toString(), "-strict")
                .redirectErrorStream(true).redirectOutput(work.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        return builder.start();
    }

    private static X509Certificate writeCertificate(Path cert, Path key, String name) {
        var pair = SelfSignedCertificate.keyPair();
        X509Certificate made = SelfSignedCertificate.make(pair, Set.of(name, "127.0.0.1"), name, Instant.now(), Duration.ofDays(2));
        CertificateFiles.writeKey(key, pair.getPrivate());
        CertificateFiles.writeChain(cert, List.of(made));
        return made;
    }

    /** The certificate the node presents on its HTTPS port, whoever issued it. */
    static X509Certificate servedCertificate(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
