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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Guards what native-image reads and what a native executable needs at run time, which the native
 * check (.ci/native-check) cannot see: every class named in native-config/ must exist, every
 * literal resource must be on the classpath, every webrtc-java class that the native library looks
 * up must be registered for JNI, and every record we (de)serialize with Jackson must be registered
 * for reflection.
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

    @Test
    void everyRecordSerializedWithJacksonIsRegisteredForReflection() throws IOException {
        List<ClassNode> ours = CompiledClasses.ours();
        Map<Class<?>, String> payloads = JacksonPayloads.find(ours);
        assertTrue(payloads.keySet().stream().anyMatch(Class::isRecord), "found no record serialized with Jackson");
        Set<String> registered = registeredForReflection(ours);
        List<String> missing = payloads.entrySet().stream().filter(p -> !registered.contains(p.getKey().getName()))
                .map(p -> p.getKey().getName() + " (" + p.getValue() + ")").toList();
        assertEquals(List.of(), missing, "Jackson can read or write these in a native executable only if they are "
                + "registered for reflection: annotate each with @RegisterForReflection (nested in an annotated "
                + "class: @RegisterForReflection(ignoreNested = false) on that class), or list it in "
                + "native-config/reflect-config.json");
    }

    /** Classes that Quarkus registers for reflection from our annotations, and those native-config/ lists. */
    private static Set<String> registeredForReflection(List<ClassNode> ours) throws IOException {
        Set<String> registered = new TreeSet<>();
        JSON.readTree(CONFIG.resolve("reflect-config.json").toFile()).forEach(e -> registered.add(e.path("name").asText()));
        for (ClassNode node : ours) {
            Class<?> type = CompiledClasses.load(CompiledClasses.binaryName(node.name));
            RegisterForReflection annotation = type.getAnnotation(RegisterForReflection.class);
            if (annotation == null) {
                continue;
            }
            // With targets or class names, Quarkus registers those instead of the annotated class.
            if (annotation.targets().length == 0 && annotation.classNames().length == 0) {
                registered.add(type.getName());
                if (!annotation.ignoreNested()) {
                    Stream.of(type.getDeclaredClasses()).forEach(nested -> registered.add(nested.getName()));
                }
            }
            Stream.of(annotation.targets()).forEach(target -> registered.add(target.getName()));
            registered.addAll(List.of(annotation.classNames()));
        }
        return registered;
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
