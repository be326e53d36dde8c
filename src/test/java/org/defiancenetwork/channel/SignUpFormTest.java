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

    @Test
    void refusesNamesThatPassForTheNodesStaff() {
        for (String name : new String[] { "admin", "Root", "moderator", "system", "administrator", "support" }) {
            assertEquals("This name is reserved; choose another.",
                    new SignUpForm(name, "a long passphrase", "a long passphrase").problems().get("username"), name);
        }
    }

    @Test
    void refusesPasswordsAnyAttackerTriesFirst() {
        for (String weak : new String[] { " ".repeat(12), "\t\t\t\t\t\t\t\t\t\t\t", "password12", "Password123", "PASSWORD!!99",
                "1234567890", "qwertyuiop", "aaaaaaaaaaaa", "abababababab", "   short   " }) {
            assertTrue(new SignUpForm("owl", weak, weak).problems().containsKey("password"), "'" + weak + "'");
        }
        assertTrue(new SignUpForm("owl", "correct horse battery", "correct horse battery").problems().isEmpty());
    }
}
