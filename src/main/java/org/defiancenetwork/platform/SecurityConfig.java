package org.defiancenetwork.platform;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the node protects accounts and pages: sessions, sign-in throttling, response headers. */
@ConfigMapping(prefix = "defiance.security")
public interface SecurityConfig {

    Sessions sessions();

    SignIn signIn();

    /**
     * WebSocket connections one network address may hold open at once on each of the page-events
     * and chat endpoints (the mesh has its own limit); a household or office shares one address.
     */
    @WithDefault("32")
    @Min(1)
    int socketsPerAddress();

    /** Content-Security-Policy of every answer; pages use no inline script or style. */
    @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; "
            + "media-src 'self' blob: https:; connect-src 'self' https: wss:; worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
    String contentSecurityPolicy();

    interface Sessions {
        /** A session not used for this long ends. */
        @WithDefault("P7D")
        Duration idleTimeout();

        /** A session ends this long after sign-in, however much it is used. */
        @WithDefault("P30D")
        Duration lifetime();
    }

    interface SignIn {
        /** Wrong passwords for one account before each further one costs a growing wait. */
        @WithDefault("5")
        @Min(1)
        int freeFailuresPerAccount();

        /** Wrong passwords from one address (any accounts) before each further one costs a growing wait. */
        @WithDefault("20")
        @Min(1)
        int freeFailuresPerAddress();

        /** The longest wait the doubling reaches. */
        @WithDefault("PT15M")
        Duration maxDelay();

        /** Password hashes computed at once (each takes a core for about a quarter second). */
        @WithDefault("2")
        @Min(1)
        @Max(64)
        int concurrentHashes();
    }
}
