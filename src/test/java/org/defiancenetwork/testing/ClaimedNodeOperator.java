package org.defiancenetwork.testing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.defiancenetwork.channel.Account;
import org.defiancenetwork.platform.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * In the shared test app, the node's first admin is claimed before any test runs, as on a node
 * that has been in use: otherwise whichever test signs up first would be the admin, and tests of
 * what ordinary accounts may not do would depend on their order. (The claim itself is tested on a
 * fresh node, with simultaneous sign-ups, in TlsModesIT.)
 */
@ApplicationScoped
public class ClaimedNodeOperator {

    void claim(@Observes StartupEvent started) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.count() > 0) {
                return;
            }
            Account operator = new Account();
            operator.username = "testoperator";
            // no password can match this: nobody signs in as it
            operator.passwordHash = "$2a$12$" + "x".repeat(53);
            operator.roles = Roles.BROADCASTER + "," + Roles.ADMIN;
            operator.createdAt = Instant.now();
            operator.persistAndFlush();
            Account.getEntityManager().createNativeQuery("update node_operator set account_id = ?1 where account_id is null")
                    .setParameter(1, operator.id).executeUpdate();
        });
    }
}
