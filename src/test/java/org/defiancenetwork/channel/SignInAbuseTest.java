package org.defiancenetwork.channel;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Guessing passwords gets slower with every miss, costs the node bounded work, and tells nothing. */
@QuarkusTest
class SignInAbuseTest {

    @Inject
    SignIns signIns;

    @Inject
    Passwords passwords;

    @Inject
    org.defiancenetwork.platform.SecurityConfig security;

    @BeforeEach
    @AfterEach
    void openTheTestAddressAgain() {
        signIns.forgetAddress("127.0.0.1");
    }

    @Test
    void wrongPasswordsEarnGrowingWaitsWith429AndRetryAfterEvenForTheRightOne() {
        String name = AccountPagesTest.uniqueName();
        WebSession.signUp(name, "a long passphrase");
        WebSession attacker = new WebSession();
        for (int i = 0; i < security.signIn().freeFailuresPerAccount(); i++) {
            attacker.signIn(name, "guess number " + i).then().statusCode(401);
        }
        attacker.signIn(name, "one guess too many").then().statusCode(401);
        Response locked = attacker.signIn(name, "a long passphrase");
        locked.then().statusCode(429).body(containsString("id=\"signin-throttled\""));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "the first wait is 5 s: " + retryAfter);
        // another account of the same address is not locked out by this one
        String other = AccountPagesTest.uniqueName();
        WebSession.signUp(other, "a long passphrase");
        new WebSession().signIn(other, "a long passphrase").then().statusCode(303);
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottledToo() {
        WebSession attacker = new WebSession();
        Response last = null;
        // the misses up to the free number, one that closes the address, and one that finds it closed
        for (int i = 0; i <= security.signIn().freeFailuresPerAddress() + 1; i++) {
            last = attacker.signIn("nobody" + i, "some password " + i);
            if (last.statusCode() == 429) {
                break;
            }
        }
        last.then().statusCode(429);
        assertTrue(Long.parseLong(last.header("Retry-After")) >= 1);
    }

    @Test
    void unknownNamesCostAPasswordCheckLikeKnownOnes() {
        double before = checked();
        new WebSession().signIn("nosuchaccount" + System.nanoTime() % 100000, "whatever it is").then().statusCode(401);
        assertEquals(before + 1, checked(), 0.0, "an unknown name is checked against a dummy hash");
    }

    @Test
    void passwordHashingRunsAtMostTheConfiguredNumberAtOnce() throws Exception {
        String name = AccountPagesTest.uniqueName();
        WebSession.signUp(name, "a long passphrase");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> new WebSession().signIn(name, "a long passphrase").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(303, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(passwords.peakConcurrency() <= security.signIn().concurrentHashes(),
                "at most " + security.signIn().concurrentHashes() + " at once, saw " + passwords.peakConcurrency());
    }

    private static double checked() {
        Matcher m = Pattern.compile("(?m)^defiance_passwords_checked_total(?:\\{[^}]*\\})? ([0-9.E]+)$")
                .matcher(RestAssured.given().accept("text/plain").get("/q/metrics").asString());
        assertTrue(m.find(), "the node counts password checks");
        return Double.parseDouble(m.group(1));
    }
}
