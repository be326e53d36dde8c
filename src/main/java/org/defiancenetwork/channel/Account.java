package org.defiancenetwork.channel;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/** Someone who can sign in; form sign-in checks the password against this table. */
@Entity
@Table(name = "account")
@UserDefinition
public class Account extends PanacheEntityBase {

    public static final String BROADCASTER = org.defiancenetwork.platform.Roles.BROADCASTER;
    public static final String ADMIN = org.defiancenetwork.platform.Roles.ADMIN;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    @Column(nullable = false, length = 32, unique = true)
    public String username;

    /** bcrypt in modular crypt format ($2a$...). */
    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** Comma-separated role names. */
    @Roles
    @Column(nullable = false, length = 100)
    public String roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Sessions name the version they were issued under; bumping it ends every session of the account. */
    @Column(name = "session_version", nullable = false)
    public int sessionVersion;

    public java.util.Set<String> roleSet() {
        return java.util.Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static Account findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
