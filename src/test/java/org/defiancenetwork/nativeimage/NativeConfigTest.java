package org.defiancenetwork.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * We cannot run native-image here, so this guards what it will read: every class named in
 * native-config/ must exist, every literal resource must be on the classpath, and every
 * webrtc-java class that the native library looks up must be registered for JNI.
 */
class NativeConfigTest {

    private static final Path CONFIG = Path.of("native-config");
    private static final String WEBRTC_LIBRARY = "libwebrtc-java-linux-x86_64.so";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNamedClassIsOnTheClasspath() throws IOException {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path file : configFiles()) {
            JsonNode root = JSON.readTree(file.toFile());
            if (!root.isArray()) {
                continue;
            }
            for (JsonNode entry : root) {
                String name = entry.path("name").asText(null);
                assertNotNull(name, file + ": entry without a name: " + entry);
                named++;
                try {
                    Class.forName(name, false, getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.add(file.getFileName() + ": " + name);
                }
            }
        }
        assertTrue(named > 0, "native-config names no class at all");
        assertEquals(List.of(), missing, "classes named in native-config but absent from the classpath");
    }

    @Test
    void everyLiteralResourceExists() throws IOException {
        JsonNode includes = JSON.readTree(CONFIG.resolve("resource-config.json").toFile()).path("resources").path("includes");
        assertFalse(includes.isEmpty(), "resource-config.json includes nothing");
        Pattern literal = Pattern.compile("^\\\\Q(.*)\\\\E$");
        for (JsonNode include : includes) {
            String pattern = include.path("pattern").asText();
            Matcher m = literal.matcher(pattern);
            if (m.matches()) {
                assertNotNull(getClass().getClassLoader().getResource(m.group(1)), "resource not on classpath: " + m.group(1));
            } else {
                Pattern.compile(pattern);
            }
        }
    }

    @Test
    void everyWebrtcClassTheNativeLibraryNamesIsRegisteredForJni() throws IOException {
        Set<String> registered = new TreeSet<>();
        JSON.readTree(CONFIG.resolve("jni-config.json").toFile()).forEach(e -> registered.add(e.path("name").asText()));

        Set<String> namedByLibrary = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(WEBRTC_LIBRARY)) {
            assertNotNull(in, WEBRTC_LIBRARY + " is not on the classpath");
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile("(dev/onvoid/webrtc/[A-Za-z0-9/$_]+)\0").matcher(bytes);
            while (m.find()) {
                String className = m.group(1).replace('/', '.');
                if (exists(className)) {
                    namedByLibrary.add(className);
                }
            }
        }
        assertTrue(namedByLibrary.size() > 50, "expected the library to name many classes, found " + namedByLibrary.size());
        namedByLibrary.removeAll(registered);
        assertEquals(Set.of(), namedByLibrary, "webrtc-java classes used from native code but not in jni-config.json");
    }

    private boolean exists(String className) {
        try {
            Class.forName(className, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static List<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(json.isEmpty(), "native-config has no JSON files");
            return json;
        }
    }
}
