package org.defiancenetwork.audigy.augy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An entry's genre: one of the names DESIGN §7 lists, or {@code Other} with a free text, written
 * the way the original's serializer did ({@code {"Other": "Field recordings"}}). A name outside the
 * list is kept as given (the validator warns), so a round trip never changes it.
 */
@RegisterForReflection
public record Genre(String name, String other) {

    public static final List<String> KNOWN = List.of("Podcast", "AudioBook", "Lecture", "Educational",
            "Documentary", "News", "Interview", "Discussion", "Meditation", "Music", "Comedy", "Drama", "SciFi",
            "Fantasy", "Mystery", "History", "Science", "Technology", "Philosophy", "Religion", "Health", "Business",
            "Politics", "Sports", "Arts", "Literature", "Language", "Kids", "Fiction", "NonFiction", "Biography",
            "SelfHelp", "Other");

    public static final String OTHER = "Other";

    /**
     * Reads a plain name or the {@code {"Other": text}} form. Anything else gives a genre without
     * a name, which the validator reports: binding goes on, so every other problem is found too.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Genre of(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return new Genre(node.asText(), null);
        }
        if (node.isObject() && node.size() == 1 && node.has(OTHER) && node.get(OTHER).isValueNode()) {
            return new Genre(OTHER, node.get(OTHER).asText());
        }
        return new Genre(null, null);
    }

    /** False for a value that is neither a name nor {@code {"Other": text}}. */
    public boolean wellFormed() {
        return name != null;
    }

    @JsonValue
    public Object value() {
        return other != null ? Map.of(OTHER, other) : name;
    }

    public boolean known() {
        return name != null && KNOWN.contains(name);
    }

    /** How pages show it: the free text of Other, else the name. */
    public String label() {
        return other != null ? other : name;
    }
}
