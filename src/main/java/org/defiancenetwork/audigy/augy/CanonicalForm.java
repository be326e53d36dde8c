package org.defiancenetwork.audigy.augy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bytes a catalogue's signature covers, the same whichever syntax the catalogue travels in.
 *
 * <p>The catalogue is read into its data model (JSON, YAML and TOML read alike), the
 * {@code signature} member is removed, members that are null or absent are left out, and the
 * rest is written as compact JSON in UTF-8: object members sorted by name (by UTF-16 code units,
 * as in RFC 8785), no whitespace between tokens, strings with only {@code "}, {@code \} and control
 * characters escaped, whole numbers as digits, other numbers as the shortest plain decimal
 * ({@code 1800.50} and {@code 1.8005e3} both become {@code 1800.5}; {@code 1800.0} becomes
 * {@code 1800}). Unknown members are included: the signature covers them too.
 */
public final class CanonicalForm {

    private static final ObjectMapper COMPACT = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private CanonicalForm() {
    }

    public static String of(Catalogue catalogue) {
        JsonNode tree = AugyFormat.JSON.mapper().valueToTree(catalogue.withSignature(null));
        try {
            return COMPACT.writeValueAsString(normalize(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalogue tree could not be written", e);
        }
    }

    private static JsonNode normalize(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = nodes.objectNode();
            for (String name : names) {
                JsonNode value = node.get(name);
                if (!value.isNull() && !value.isMissingNode()) {
                    sorted.set(name, normalize(value));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = nodes.arrayNode();
            node.forEach(element -> array.add(normalize(element)));
            return array;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.scale() <= 0 ? nodes.numberNode(value.toBigIntegerExact()) : nodes.numberNode(value);
        }
        return node;
    }
}
