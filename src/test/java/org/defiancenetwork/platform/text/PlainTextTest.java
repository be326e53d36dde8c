package org.defiancenetwork.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void bidiOverridesAndIsolatesAreRemoved() {
        // "evil\u202Etxt.exe" would display as "evilexe.txt"
        assertEquals("eviltxt.exe", PlainText.line("evil\u202Etxt.exe"));
        assertEquals("ab", PlainText.line("a\u2066\u2067\u2068\u2069\u200E\u200F\u061Cb"));
    }

    @Test
    void zeroWidthAndControlCharactersAreRemoved() {
        assertEquals("admin", PlainText.line("ad\u200Bmi\u200Dn\uFEFF"));
        assertEquals("bell", PlainText.line("be\u0007ll\u0000"));
        assertEquals("", PlainText.line("\u200B\u200C\u3164"));
    }

    @Test
    void zalgoIsCutToAFewMarksPerCharacter() {
        String zalgo = "Z" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307".repeat(4) + "o";
        String clean = PlainText.line(zalgo);
        assertEquals("Z\u0300\u0301\u0302o", clean);
    }

    @Test
    void realScriptsAndAccentsStay() {
        assertEquals("Tiếng Việt, 日本語, العربية, Ελληνικά, é", PlainText.line("Tiếng Việt, 日本語, العربية, Ελληνικά, e\u0301"));
    }

    @Test
    void whitespaceIsTidied() {
        assertEquals("two words", PlainText.line("  two \t\n words  "));
        assertEquals("line one\nline two\n\nline three", PlainText.lines("line one  \r\nline two\n\n\n\n\nline three\n"));
    }
}
