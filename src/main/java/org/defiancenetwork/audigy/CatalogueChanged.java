package org.defiancenetwork.audigy;

import java.util.Set;

/**
 * Entries of a catalogue were stored or removed (fired after the transaction commits): the
 * audio cache drops what is gone or changed and, in on-import mode, fetches the rest.
 */
record CatalogueChanged(long catalogueId, Set<String> stored, Set<String> changed, Set<String> removed) {
}
