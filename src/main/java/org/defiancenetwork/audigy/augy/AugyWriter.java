package org.defiancenetwork.audigy.augy;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a catalogue in one of the three syntaxes; reading the result gives the same catalogue. */
public final class AugyWriter {

    private AugyWriter() {
    }

    public static byte[] write(Catalogue catalogue, AugyFormat format) {
        try {
            return format.mapper().writeValueAsBytes(catalogue);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the catalogue as " + format, e);
        }
    }
}
