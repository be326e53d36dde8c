package org.defiancenetwork.channel;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** Asks for the identity behind a decrypted session cookie. */
final class SessionRequest extends BaseAuthenticationRequest {

    final SessionTicket ticket;

    SessionRequest(SessionTicket ticket) {
        this.ticket = ticket;
    }
}
