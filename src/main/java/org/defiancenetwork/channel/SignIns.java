package org.defiancenetwork.channel;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.SecurityConfig;

/** Checks a username and password, with the throttling and bounded hashing every attempt goes through. */
@ApplicationScoped
public class SignIns {

    sealed interface Outcome {
    }

    record Accepted(Account account) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record Throttled(Duration retryAfter) implements Outcome {
    }

    private final ChannelService channels;
    private final Passwords passwords;
    private final SignInThrottle accounts;
    private final SignInThrottle addresses;

    SignIns(ChannelService channels, Passwords passwords, SecurityConfig config) {
        this.channels = channels;
        this.passwords = passwords;
        this.accounts = new SignInThrottle(config.signIn().freeFailuresPerAccount(), config.signIn().maxDelay());
        this.addresses = new SignInThrottle(config.signIn().freeFailuresPerAddress(), config.signIn().maxDelay());
    }

    Outcome attempt(String username, String password, String address) throws Passwords.Busy {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        String accountKey = "account:" + name;
        String addressKey = "address:" + address;
        long now = System.nanoTime();
        Duration wait = longer(accounts.closedFor(accountKey, now), addresses.closedFor(addressKey, now));
        if (!wait.isZero()) {
            return new Throttled(wait);
        }
        Account account = name.isEmpty() ? null : channels.account(name);
        if (passwords.matches(password == null ? "" : password, account == null ? null : account.passwordHash)) {
            accounts.succeeded(accountKey);
            return new Accepted(account);
        }
        long failedAt = System.nanoTime();
        accounts.failed(accountKey, failedAt);
        addresses.failed(addressKey, failedAt);
        return new Refused();
    }

    /** Lets an address try again at once (tests, and an operator unlocking their own address). */
    void forgetAddress(String address) {
        addresses.forget("address:" + address);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
