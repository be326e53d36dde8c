package org.defiancenetwork.channel;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.Hashing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/** The account behind a personal API token, with that account's roles. */
@ApplicationScoped
class ApiTokenIdentities implements IdentityProvider<TokenAuthenticationRequest> {

    /** Last-use times are for people reading the settings page; minute precision spares a write per call. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String presented = request.getToken().getToken();
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            ApiToken token = presented.startsWith(ApiToken.PREFIX) ? ApiToken.findByHash(Hashing.sha256Hex(presented)) : null;
            if (token == null) {
                throw new AuthenticationFailedException("unknown API token");
            }
            Instant now = Instant.now();
            if (token.lastUsedAt == null || token.lastUsedAt.plus(LAST_USE_PRECISION).isBefore(now)) {
                token.lastUsedAt = now;
            }
            return SessionIdentities.identity(token.account, "token");
        }));
    }
}
