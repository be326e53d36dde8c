package org.defiancenetwork.platform.text;

import java.text.Normalizer;

/**
 * Text that strangers type (chat lines, titles, descriptions, names) made safe to show beside
 * other people's text: NFC-normalised, without the invisible characters that reorder or hide
 * what is displayed (bidi overrides and isolates, zero-width characters, other format and
 * control characters), and with at most {@value #MAX_MARKS} combining marks on one character,
 * so "zalgo" text cannot paint over its neighbours. Visible characters of every script stay.
 */
public final class PlainText {

    /** Real scripts stack two or three marks (Vietnamese, Hebrew points with cantillation); zalgo stacks dozens. */
    static final int MAX_MARKS = 3;

    private PlainText() {
    }

    /** One line: line breaks and tabs become spaces, runs of spaces collapse, ends are trimmed. */
    public static String line(String text) {
        return clean(text, false);
    }

    /** Several lines (a description): line breaks are kept, at most two in a row. */
    public static String lines(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean multiline) {
        if (text == null) {
            return "";
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalised.length());
        int marks = 0;
        int newlines = 0;
        for (int i = 0; i < normalised.length();) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                continue;
            }
            if (cp == '\n' && multiline) {
                trimTrailingSpace(out);
                if (++newlines <= 2) {
                    out.append('\n');
                }
                marks = 0;
                continue;
            }
            if (cp == '\n' || cp == '\t' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
                marks = 0;
                continue;
            }
            if (invisible(cp)) {
                continue;
            }
            if (isMark(cp)) {
                if (out.length() == 0 || ++marks > MAX_MARKS) {
                    continue;
                }
            } else {
                marks = 0;
            }
            newlines = 0;
            out.appendCodePoint(cp);
        }
        return out.toString().strip();
    }

    /** Format (Cf: bidi controls, zero-width joiners and spaces, BOM), control, private-use and unassigned characters. */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED
                // variation selectors and the Hangul filler draw nothing on their own
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static void trimTrailingSpace(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }
}
