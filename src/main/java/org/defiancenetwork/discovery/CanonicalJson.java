package org.defiancenetwork.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the documents nodes sign: members sorted by
 * their UTF-16 code units (§3.2.3), no whitespace, strings escaped as §3.2.2.2 says. Numbers are
 * limited to integers of at most 2^53 in magnitude, whose canonical form is their plain decimal;
 * our documents carry no fractions (scores are never signed), so a document with one is refused
 * rather than risk two implementations disagreeing on a float's digits.
 */
public final class CanonicalJson {

    /** The document cannot be canonicalized (a fraction, or an integer beyond 2^53). */
    public static final class NotCanonicalizable extends IllegalArgumentException {
        NotCanonicalizable(String message) {
            super(message);
        }
    }

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {
    }

    /** The canonical text of {@code node}, leaving out the top-level member {@code without} (the signature). */
    public static String of(JsonNode node, String without) {
        StringBuilder out = new StringBuilder(256);
        write(node, without, out);
        return out.toString();
    }

    public static String of(JsonNode node) {
        return of(node, null);
    }

    private static void write(JsonNode node, String without, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (!member.getKey().equals(without)) {
                        names.add(member.getKey());
                    }
                }
                // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
                names.sort(String::compareTo);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), null, out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), null, out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong() || Math.abs(node.longValue()) > MAX_SAFE_INTEGER) {
                    throw new NotCanonicalizable("signed documents hold only integers up to 2^53, not " + node.asText());
                }
                out.append(node.longValue());
            }
            default -> throw new NotCanonicalizable("not a JSON value: " + node.getNodeType());
        }
    }

    /** RFC 8785 §3.2.2.2: only the quote, the backslash and control characters are escaped. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
