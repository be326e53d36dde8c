package org.defiancenetwork.audigy.augy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * Where each value of a document starts, by location ({@code entries[2].uri_points[0]}), as the
 * parser saw it. Validation works on the bound model, which has no positions; this map gives its
 * findings their line numbers back.
 */
final class Locations {

    private final Map<String, Integer> lines = new HashMap<>();

    /** The location of the value the parser is at, for a context positioned on it. */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray() && c.hasCurrentIndex()) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    void record(String location, JsonLocation where) {
        if (where != null && where.getLineNr() > 0) {
            lines.putIfAbsent(location, where.getLineNr());
        }
    }

    /** The line of a location, or of its nearest enclosing value that has one. */
    Integer line(String location) {
        String l = location;
        while (true) {
            Integer line = lines.get(l);
            if (line != null || l.isEmpty()) {
                return line;
            }
            int cut = Math.max(l.lastIndexOf('.'), l.lastIndexOf('['));
            l = cut < 0 ? "" : l.substring(0, cut);
        }
    }
}
