package org.defiancenetwork.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SignUpFormTest {

    @Test
    void acceptsAGoodForm() {
        assertTrue(new SignUpForm("Night_Owl", "a long passphrase", "a long passphrase").problems().isEmpty());
    }

    @Test
    void normalisesUsernameToLowerCase() {
        assertEquals("night_owl", new SignUpForm("  Night_Owl ", "x", "x").username());
    }

    @Test
    void refusesShortOrOddUsernames() {
        for (String name : new String[] { "", "ab", "-dash-first", "spaces here", "a".repeat(33), "../etc", "<script>" }) {
            assertTrue(new SignUpForm(name, "a long passphrase", "a long passphrase").problems().containsKey("username"), name);
        }
    }

    @Test
    void refusesShortPasswordAndMismatch() {
        assertEquals(Set.of("password"), new SignUpForm("owl", "short", "short").problems().keySet());
        assertEquals(Set.of("confirm"), new SignUpForm("owl", "a long passphrase", "another passphrase").problems().keySet());
    }

    @Test
    void refusesPasswordContainingTheUsername() {
        assertTrue(new SignUpForm("owlbert", "owlbert12345", "owlbert12345").problems().containsKey("password"));
    }
}
