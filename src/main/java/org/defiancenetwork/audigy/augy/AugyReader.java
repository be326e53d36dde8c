package org.defiancenetwork.audigy.augy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reads an {@code .augy} file in any of its syntaxes and reports every problem at once: syntax
 * (with line and column), wrong types, and the rules of {@link AugyValidator}. Reading never
 * stops at the first wrong value: a value of the wrong type is noted and left out, and the rest of
 * the document is still read and checked.
 */
public final class AugyReader {

    /** The most entries one catalogue may hold. */
    public static final int MAX_ENTRIES = 10_000;

    /** The outcome: the catalogue when it could be read at all, and what was found in it. */
    public record Reading(AugyFormat format, Catalogue catalogue, List<Finding> findings) {

        public boolean valid() {
            return catalogue != null && findings.stream().noneMatch(Finding::isError);
        }

        public List<Finding> errors() {
            return findings.stream().filter(Finding::isError).toList();
        }

        public List<Finding> warnings() {
            return findings.stream().filter(f -> !f.isError()).toList();
        }
    }

    /** The file is over a limit (bytes or entries); answer 413, not a list of findings. */
    public static final class TooLarge extends Exception {
        public TooLarge(String message) {
            super(message);
        }
    }

    private static final java.util.regex.Pattern WHOLE_NUMBERS = java.util.regex.Pattern.compile(
            ".*\\.(size|episode_number|season_number)|.*\\.(available_days|available_hours)\\[\\d+]");

    private AugyReader() {
    }

    /** Reads in the given syntax, or the one the content shows when {@code format} is null. */
    public static Reading read(byte[] content, AugyFormat format) throws TooLarge {
        if (content.length > AugyFormat.MAX_BYTES) {
            throw new TooLarge("the file is " + content.length + " bytes; a catalogue may be at most "
                    + AugyFormat.MAX_BYTES + " bytes (10 MiB)");
        }
        AugyFormat syntax = format != null ? format : AugyFormat.detect(content);
        if (new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new Reading(syntax, null, List.of(Finding.error("", null, "the document is empty")));
        }
        Locations locations = new Locations();
        TypeProblems problems = new TypeProblems();
        try {
            scan(syntax, content, locations, problems);
        } catch (StreamReadException e) {
            Integer line = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : null;
            String column = e.getLocation() != null && e.getLocation().getColumnNr() > 0
                    ? " (column " + e.getLocation().getColumnNr() + ")" : "";
            return new Reading(syntax, null, List.of(Finding.error("", line,
                    "not valid " + syntax.name() + column + ": " + firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            return new Reading(syntax, null, List.of(Finding.error("", null, "unreadable: " + e.getMessage())));
        }

        Catalogue catalogue;
        try {
            catalogue = syntax.mapper().readerFor(Catalogue.class).withHandler(problems).readValue(content);
        } catch (MismatchedInputException e) {
            problems.add(Locations.of(e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null),
                    e.getLocation() == null ? null : e.getLocation().getLineNr(), firstLine(e.getOriginalMessage()));
            catalogue = null;
        } catch (IOException e) {
            problems.add("", null, firstLine(e.getMessage()));
            catalogue = null;
        }
        List<Finding> findings = new ArrayList<>(problems.findings);
        if (catalogue == null) {
            if (findings.isEmpty()) {
                findings.add(Finding.error("", null, "the document is empty"));
            }
            return new Reading(syntax, null, findings);
        }
        findings.addAll(AugyValidator.validate(catalogue, locations::line, problems.locations));
        // In the order of the document where lines are known (a stable sort keeps the rest in place).
        findings.sort(java.util.Comparator.comparing(Finding::line, java.util.Comparator.nullsLast(Integer::compare)));
        return new Reading(syntax, catalogue, List.copyOf(findings));
    }

    /** One pass over the tokens: where each value is, and whether the entries are too many. */
    private static void scan(AugyFormat syntax, byte[] content, Locations locations, TypeProblems problems)
            throws IOException, TooLarge {
        try (JsonParser p = syntax.mapper().createParser(content)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                String location = Locations.of(token.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext());
                locations.record(location, p.currentTokenLocation());
                // Jackson would quietly make 1.5 an episode number of 1: a whole-number field
                // with a fraction is reported here instead.
                if (token == JsonToken.VALUE_NUMBER_FLOAT && WHOLE_NUMBERS.matcher(location).matches()
                        && p.getDecimalValue().stripTrailingZeros().scale() > 0) {
                    problems.add(location, p.currentTokenLocation().getLineNr(),
                            "expected a whole number, found the number " + p.getDecimalValue().toPlainString());
                }
                if (token == JsonToken.START_OBJECT && location.matches("entries\\[\\d+]")
                        && p.getParsingContext().getParent().getCurrentIndex() >= MAX_ENTRIES) {
                    throw new TooLarge("the catalogue has more than " + MAX_ENTRIES + " entries, the most one catalogue may hold");
                }
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** Notes every value of the wrong type and lets binding go on without it. */
    private static final class TypeProblems extends DeserializationProblemHandler {

        final List<Finding> findings = new ArrayList<>();
        final Set<String> locations = new HashSet<>();

        void add(String location, Integer line, String message) {
            if (locations.add(location)) {
                findings.add(Finding.error(location, line != null && line > 0 ? line : null, message));
            }
        }

        private void add(JsonParser p, String message) {
            add(Locations.of(p.currentToken() != null && p.currentToken().isStructStart()
                    ? p.getParsingContext().getParent() : p.getParsingContext()),
                    p.currentTokenLocation().getLineNr(), message);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            add(p, "expected " + describe(targetType.getRawClass()) + ", found " + describe(t));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) {
            add(ctxt.getParser(), "expected " + describe(targetType) + ", found the text \"" + abbreviate(value) + "\"");
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) {
            add(ctxt.getParser(), "expected " + describe(targetType) + ", found the number " + value);
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                Throwable t) {
            add(ctxt.getParser(), firstLine(t.getMessage()));
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
            add(p, "expected " + describe(instClass) + ", found " + describe(p.currentToken()));
            p.skipChildren();
            return null;
        }

        private static String describe(Class<?> type) {
            if (type == String.class) {
                return "a text";
            }
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
                return "a whole number";
            }
            if (Number.class.isAssignableFrom(type)) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (java.util.Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "a mapping (" + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + ")";
        }

        private static String describe(JsonToken t) {
            if (t == null) {
                return "nothing";
            }
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                case VALUE_STRING -> "a text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case VALUE_NULL -> "null";
                default -> t.name().toLowerCase();
            };
        }

        private static String abbreviate(String value) {
            return value.length() > 40 ? value.substring(0, 40) + "…" : value;
        }
    }
}
