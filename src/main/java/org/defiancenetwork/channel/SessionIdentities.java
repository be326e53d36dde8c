package org.defiancenetwork.channel;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a session ticket into the signed-in identity, checking on every request that the account
 * still exists and that its session version is the one the ticket was issued under: signing out
 * or changing the password bumps the version and so ends every older session at once.
 */
@ApplicationScoped
class SessionIdentities implements IdentityProvider<SessionRequest> {

    static final String VIA = "defiance.via";

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        SessionTicket ticket = request.ticket;
        return context.runBlocking(() -> {
            Account account = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(ticket.username()));
            if (account == null || account.sessionVersion != ticket.version()) {
                throw new AuthenticationFailedException("session ended");
            }
            return identity(account, "session");
        });
    }

    static SecurityIdentity identity(Account account, String via) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.username))
                .addRoles(account.roleSet())
                .addAttribute(VIA, via)
                .build();
    }
}
