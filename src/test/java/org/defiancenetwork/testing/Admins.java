package org.defiancenetwork.testing;

import java.util.UUID;

import org.defiancenetwork.channel.Account;
import org.defiancenetwork.platform.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Signed-in admins for tests: in the shared test app, and on a fresh node started as a process. */
public final class Admins {

    public static final String PASSWORD = "an admin passphrase";

    private Admins() {
    }

    /** A new account of the running @QuarkusTest app, made admin in its database, signed in. */
    public static WebSession session() {
        String name = "adm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        WebSession admin = WebSession.signUp(name, PASSWORD);
        // roles are read from the account on every request, so the open session is an admin's from now on
        QuarkusTransaction.requiringNew().run(() -> Account.update("roles = ?1 where username = ?2",
                Roles.BROADCASTER + "," + Roles.ADMIN, name));
        return admin;
    }

    /** The first account of a fresh node at {@code baseUrl}, which makes it the node's admin, signed in. */
    public static WebSession firstOn(String baseUrl) {
        return WebSession.signUp(baseUrl, "nodeadmin", PASSWORD);
    }
}
