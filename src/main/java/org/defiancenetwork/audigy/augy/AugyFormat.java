package org.defiancenetwork.audigy.augy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** The three syntaxes of {@code .augy}, each with its Jackson mapper, configured alike. */
public enum AugyFormat {

    JSON("application/json", "json"),
    YAML("application/yaml", "yaml"),
    TOML("application/toml", "toml");

    /** The largest file the node reads (and the largest catalogue source it fetches). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final Pattern TOML_TABLE = Pattern.compile("\\[\\[?\\s*[A-Za-z0-9_\\-.\"' ]+\\s*]]?\\s*(#.*)?");
    private static final Pattern TOML_KEY_VALUE = Pattern.compile("[A-Za-z0-9_\\-.\"']+\\s*=.*");

    private final String mediaType;
    private final String extension;
    private final ObjectMapper mapper;

    AugyFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.mapper = configure(switch (extension) {
            case "json" -> JsonMapper.builder();
            case "yaml" -> YAMLMapper.builder(yamlFactory());
            default -> TomlMapper.builder();
        });
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The syntax a file is written in, told by its content as the original tool did: a JSON
     * document starts with a brace; a TOML one with a table header or a {@code key = value} line;
     * anything else is read as YAML.
     */
    public static AugyFormat detect(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 64 * 1024), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("{")) {
                return JSON;
            }
            if (TOML_TABLE.matcher(line).matches() || TOML_KEY_VALUE.matcher(line).matches()) {
                return TOML;
            }
            return YAML;
        }
        return YAML;
    }

    /** The format a media type names ({@code application/toml}, {@code text/yaml}, ...), if any. */
    public static Optional<AugyFormat> ofMediaType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String t = type.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) {
            t = t.substring(0, semicolon);
        }
        t = t.strip();
        if (t.equals("application/json") || t.endsWith("+json")) {
            return Optional.of(JSON);
        }
        if (t.equals("application/yaml") || t.equals("application/x-yaml") || t.equals("text/yaml")
                || t.equals("text/x-yaml")) {
            return Optional.of(YAML);
        }
        if (t.equals("application/toml") || t.equals("text/toml") || t.equals("text/x-toml")) {
            return Optional.of(TOML);
        }
        return Optional.empty();
    }

    /** The format a {@code ?format=} parameter or a file name names. */
    public static Optional<AugyFormat> ofName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT).strip();
        for (AugyFormat f : values()) {
            if (n.equals(f.extension) || n.endsWith("." + f.extension) || (f == YAML && (n.equals("yml") || n.endsWith(".yml")))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML stops at 3 MB by default; the node's own limit is the file size.
        options.setCodePointLimit(MAX_BYTES + 1024);
        options.setAllowDuplicateKeys(false);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
