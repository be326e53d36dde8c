package org.defiancenetwork.audigy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.AugyWriter;
import org.defiancenetwork.audigy.augy.CanonicalForm;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The .augy reader and validator on files written for them, in all three syntaxes. */
class AugyReaderTest {

    /** Every problem in invalid.{json,yaml,toml}, by location; the same in each syntax. */
    static final List<String> EXPECTED = List.of(
            "ERROR version: unsupported version \"2.0\"",
            "ERROR metadata.title: the catalogue's title must not be blank",
            "ERROR metadata.created_at: \"last tuesday\" is not an RFC 3339 time",
            "ERROR entries[0].id: \"not-a-uuid\" is not a UUID",
            "ERROR entries[0].metadata.duration: the duration (seconds) must not be negative",
            "ERROR entries[0].metadata.episode_number: expected a whole number, found the number 1.5",
            "ERROR entries[0].metadata.genre: a genre is a name",
            "WARNING entries[0].metadata.audio_type: unknown audio_type \"Sermon\", kept as given",
            "WARNING entries[0].metadata.rating: unknown rating \"MA\", kept as given",
            "ERROR entries[0].uri_points: each entry needs at least one uri_point",
            "ERROR entries[0].backup_uris[0]: \"ftp://mirror.example.net/a.mp3\" has the scheme ftp",
            "ERROR entries[0].checksums[0].size: the size (bytes) of the checked file is missing",
            "ERROR entries[0].checksums[0].algorithm: \"sha1\" is not accepted; use sha256 or md5",
            "ERROR entries[0].checksums[0].hash: the hash must be hexadecimal",
            "ERROR entries[0].checksums[1].hash: a sha256 hash has 64 hex digits, this one has 4",
            "ERROR entries[1].metadata.title: the entry's title must not be blank",
            "ERROR entries[1].metadata.size: expected a whole number, found the text \"lots\"",
            "WARNING entries[1].metadata.related_content[0]: no entry with the id 0b7d5a3e-1c2f-4e6a-9b8c-000000000000",
            "ERROR entries[1].metadata.related_content[1]: \"nope\" is not an entry id",
            "ERROR entries[1].uri_points[1]: \"mailto:owl@example.org\" has the scheme mailto",
            "ERROR entries[1].uri_points[2]: \"https://\" is not a valid URI",
            "ERROR entries[1].schedule.available_until: available_until must be after available_from",
            "ERROR entries[1].schedule.available_days[1]: a day is 0 (Sunday) to 6 (Saturday), not 7",
            "ERROR entries[1].schedule.available_hours: the start hour 20 must be before the end hour 8",
            "ERROR entries[1].schedule.timezone: \"Europe/Atlantis\" is not an IANA time zone",
            "ERROR entries[2].id: the same id as entries[1]; entry ids must be unique",
            "ERROR entries[2].metadata: metadata is missing",
            "ERROR entries[2].uri_points[0]: \"ipfs://\" is not a valid URI",
            "ERROR entries[2].schedule.available_hours[1]: an hour is 0 to 24, not 25");

    static final Map<String, Integer> JSON_LINES = Map.of(
            "version", 2, "metadata.title", 4, "entries[0].metadata.episode_number", 13,
            "entries[0].backup_uris[0]", 22, "entries[0].checksums[1].hash", 31, "entries[1].metadata.size", 40,
            "entries[1].uri_points[1]", 48, "entries[1].schedule.timezone", 62, "entries[2].id", 66,
            "entries[2].schedule.available_hours[1]", 73);

    static final Map<String, Integer> YAML_LINES = Map.of(
            "version", 1, "metadata.title", 3, "entries[0].metadata.episode_number", 10,
            "entries[0].backup_uris[0]", 15, "entries[0].checksums[1].hash", 20, "entries[1].metadata.size", 25,
            "entries[1].uri_points[1]", 27, "entries[1].schedule.timezone", 33, "entries[2].id", 34,
            "entries[2].schedule.available_hours[1]", 37);

    static byte[] resource(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/audigy", name));
    }

    @ParameterizedTest
    @EnumSource(AugyFormat.class)
    void reportsEveryProblemAtOnceWithItsLocation(AugyFormat format) throws Exception {
        AugyReader.Reading reading = AugyReader.read(resource("invalid." + format.extension()), null);
        assertEquals(format, reading.format(), "detected by content");
        assertTrue(!reading.valid());
        List<Finding> findings = reading.findings();
        for (String expected : EXPECTED) {
            assertTrue(findings.stream().anyMatch(f -> (f.severity() + " " + f.location() + ": " + f.message()).startsWith(expected)),
                    "missing: " + expected + "\nfound:\n" + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
        assertEquals(EXPECTED.size(), findings.size(), () -> "exactly the expected findings, no duplicates:\n"
                + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void jsonAndYamlFindingsCarryTheirLines() throws Exception {
        assertLines(AugyReader.read(resource("invalid.json"), null), JSON_LINES);
        assertLines(AugyReader.read(resource("invalid.yaml"), null), YAML_LINES);
    }

    private static void assertLines(AugyReader.Reading reading, Map<String, Integer> lines) {
        lines.forEach((location, line) -> assertEquals(line,
                reading.findings().stream().filter(f -> f.location().equals(location)).findFirst().orElseThrow().line(),
                reading.format() + " " + location));
        List<Integer> order = reading.findings().stream().map(Finding::line).toList();
        assertEquals(order.stream().sorted().toList(), order, "findings come in document order");
    }

    @ParameterizedTest
    @EnumSource(AugyFormat.class)
    void validFileReadsTheSameInEverySyntaxAndKeepsUnknownValues(AugyFormat format) throws Exception {
        AugyReader.Reading reading = AugyReader.read(resource("owls." + format.extension()), null);
        assertEquals(format, reading.format());
        assertTrue(reading.valid(), () -> reading.findings().toString());
        assertEquals(List.of("WARNING entries[1].metadata.audio_type"),
                reading.findings().stream().map(f -> f.severity() + " " + f.location()).toList(),
                "\"Lecture\" is the one warning");
        Catalogue c = reading.catalogue();
        assertEquals("Lecture", c.entries().get(1).metadata().audioType(), "unknown enum value kept as given");
        assertEquals("Field recordings", c.entries().get(1).metadata().genre().other());
        assertEquals("augy-cli 0.3", c.extra().get("x_generator"), "unknown top-level member kept");
        assertEquals(Map.of("call_sign", "OWL-FM", "watts", 25), c.metadata().extra().get("x_station"));
        assertEquals("calm", c.entries().get(0).metadata().extra().get("mood"));
        assertEquals(0, new BigDecimal("1800.5").compareTo(c.entries().get(0).metadata().duration()));
        assertEquals(CanonicalForm.of(AugyReader.read(resource("owls.json"), null).catalogue()), CanonicalForm.of(c),
                "the same catalogue whatever the syntax");
    }

    @ParameterizedTest
    @EnumSource(AugyFormat.class)
    void roundTripThroughEachSyntaxLosesNothing(AugyFormat format) throws Exception {
        Catalogue original = AugyReader.read(resource("owls.yaml"), null).catalogue();
        byte[] written = AugyWriter.write(original, format);
        AugyReader.Reading again = AugyReader.read(written, null);
        assertEquals(format, again.format(), "the written file is detected as what it is");
        assertTrue(again.valid(), () -> again.findings().toString());
        assertEquals(original, again.catalogue(), "records equal after " + format + ":\n" + new String(written, StandardCharsets.UTF_8));
        assertArrayEquals(written, AugyWriter.write(again.catalogue(), format), "writing is stable");
    }

    @Test
    void syntaxErrorsNameLineAndColumn() throws Exception {
        Finding json = only(AugyReader.read("{\"version\": \"1.0\",\n \"metadata\": {\"title\": \"x\",}\n}".getBytes(), null));
        assertEquals(2, json.line());
        assertTrue(json.message().startsWith("not valid JSON (column 28)"), json.message());
        Finding toml = only(AugyReader.read("version = \"1.0\"\n[metadata\n".getBytes(), null));
        assertEquals(2, toml.line());
        assertTrue(toml.message().startsWith("not valid TOML"), toml.message());
        Finding yaml = only(AugyReader.read("version: '1.0'\nmetadata: [\n".getBytes(), null));
        assertEquals(2, yaml.line());
        assertTrue(yaml.message().startsWith("not valid YAML"), yaml.message());
        Finding duplicate = only(AugyReader.read("{\"version\": \"1.0\", \"version\": \"1.0\"}".getBytes(), null));
        assertTrue(duplicate.message().contains("Duplicate field 'version'"), duplicate.message());
        assertEquals("the document is empty", only(AugyReader.read(" \n".getBytes(), null)).message());
        assertEquals("expected a mapping (catalogue), found a text", only(AugyReader.read("hello".getBytes(), null)).message());
    }

    @Test
    void declaredSyntaxWinsOverDetection() throws Exception {
        AugyReader.Reading reading = AugyReader.read(resource("owls.toml"), AugyFormat.JSON);
        assertEquals(AugyFormat.JSON, reading.format());
        assertNull(reading.catalogue());
        assertTrue(only(reading).message().startsWith("not valid JSON"));
    }

    @Test
    void filesOverTenMebibytesOrTenThousandEntriesAreTooLarge() {
        byte[] big = new byte[AugyFormat.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        AugyReader.TooLarge bytes = assertThrows(AugyReader.TooLarge.class, () -> AugyReader.read(big, null));
        assertTrue(bytes.getMessage().contains("10 MiB"), bytes.getMessage());

        StringBuilder many = new StringBuilder("{\"version\":\"1.0\",\"metadata\":{\"title\":\"Many\"},\"entries\":[");
        for (int i = 0; i <= AugyReader.MAX_ENTRIES; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        many.append("]}");
        AugyReader.TooLarge entries = assertThrows(AugyReader.TooLarge.class,
                () -> AugyReader.read(many.toString().getBytes(), null));
        assertTrue(entries.getMessage().contains("more than 10000 entries"), entries.getMessage());
    }

    @Test
    void formatsAreToldByContent() {
        assertEquals(AugyFormat.JSON, AugyFormat.detect("\uFEFF  \n {\"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AugyFormat.TOML, AugyFormat.detect("# a comment\n\n[metadata]\ntitle = \"x\"".getBytes()));
        assertEquals(AugyFormat.TOML, AugyFormat.detect("version = \"1.0\"".getBytes()));
        assertEquals(AugyFormat.TOML, AugyFormat.detect("[[entries]]\nid = \"x\"".getBytes()));
        assertEquals(AugyFormat.YAML, AugyFormat.detect("---\nversion: '1.0'".getBytes()));
        assertEquals(AugyFormat.YAML, AugyFormat.detect("version: \"1.0\"".getBytes()));
        assertEquals(AugyFormat.TOML, AugyFormat.ofMediaType("application/toml; charset=utf-8").orElseThrow());
        assertEquals(AugyFormat.YAML, AugyFormat.ofName("catalogue.augy.yml").orElseThrow());
    }

    private static Finding only(AugyReader.Reading reading) {
        assertEquals(1, reading.findings().size(), reading.findings().toString());
        return reading.findings().get(0);
    }
}
