package org.defiancenetwork.audigy.augy;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One problem found in a catalogue: where ({@code entries[2].uri_points[0]}; empty for the
 * document itself), on which line when the parser knows it, and what is wrong. Errors stop an
 * import; warnings are reported and the value is kept as given.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Severity severity, String location, Integer line, String message) {

    public enum Severity { ERROR, WARNING }

    public static Finding error(String location, Integer line, String message) {
        return new Finding(Severity.ERROR, location, line, message);
    }

    public static Finding warning(String location, Integer line, String message) {
        return new Finding(Severity.WARNING, location, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "entries[2].uri_points[0] (line 14): message", the way pages and logs show it. */
    @Override
    public String toString() {
        String where = location.isEmpty() ? "document" : location;
        return where + (line != null ? " (line " + line + ")" : "") + ": " + message;
    }
}
