package org.defiancenetwork.audigy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.testing.WebSession;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the audio tests share: creators who may import, catalogues with fresh ids, catalogue files written in code. */
final class AudioTesting {

    static final String OWL_1 = "6f1c2a3e-8d4b-4c5a-9e6f-0a1b2c3d4e5f";
    static final String OWL_2 = "7a2d3b4f-9e5c-4d6b-8f70-1b2c3d4e5f60";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AudioTesting() {
    }

    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet() + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** A signed-in creator (every account may broadcast, so every account may import), holding a CSRF cookie. */
    static WebSession creator() {
        WebSession session = WebSession.signUp(unique("aud"), "a long passphrase");
        session.page("/admin");
        return session;
    }

    /** A request carrying the session's CSRF token in its header, as a form-less POST needs. */
    static io.restassured.specification.RequestSpecification withCsrf(WebSession session) {
        return session.request().header("X-CSRF-TOKEN", session.cookie("defiance-csrf"));
    }

    /** owls.{json,yaml,toml} with fresh entry ids and a title of its own, so tests never collide. */
    static String owls(String extension, String title, String... ids) throws IOException {
        String text = Files.readString(Path.of("src/test/resources/audigy/owls." + extension));
        String one = ids.length > 0 ? ids[0] : UUID.randomUUID().toString();
        String two = ids.length > 1 ? ids[1] : UUID.randomUUID().toString();
        return text.replace(OWL_1, one).replace(OWL_2, two).replace("Night Owls", title);
    }

    /** An entry of a catalogue written in code. */
    static Map<String, Object> entry(String id, String title, List<String> uris, List<String> backups, Path audio)
            throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("description", "About " + title);
        metadata.put("author", "Test Author");
        metadata.put("genre", "Science");
        metadata.put("audio_type", "Episode");
        metadata.put("keywords", List.of("test"));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("metadata", metadata);
        entry.put("uri_points", uris);
        if (backups != null && !backups.isEmpty()) {
            entry.put("backup_uris", backups);
        }
        if (audio != null) {
            long size = Files.size(audio);
            metadata.put("size", size);
            entry.put("checksums", List.of(Map.of("algorithm", "sha256", "hash", Hashing.sha256Hex(audio), "size", size),
                    Map.of("algorithm", "md5", "hash", Hashing.hex("MD5", audio), "size", size)));
        }
        return entry;
    }

    static String catalogue(String title, List<Map<String, Object>> entries) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "1.0");
        doc.put("metadata", Map.of("title", title, "description", "Written by a test", "creator", "Tests",
                "created_at", "2024-05-01T10:00:00Z", "updated_at", "2024-05-01T10:00:00Z", "tags", List.of()));
        doc.put("entries", new ArrayList<>(entries));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
