package org.defiancenetwork.audigy.augy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An {@code .augy} audio collection (DESIGN §7), the same in JSON, YAML and TOML. Fields this
 * version does not know are kept in {@code extra} and written back, so a round trip loses nothing
 * a newer or older tool put there.
 */
@RegisterForReflection(ignoreNested = false)
public record Catalogue(String version, Metadata metadata, List<Entry> entries, String signature,
        @JsonAnySetter Map<String, Object> extra) {

    public static final String VERSION = "1.0";

    public Catalogue {
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    @JsonAnyGetter
    @Override
    public Map<String, Object> extra() {
        return extra;
    }

    public List<Entry> entriesOrEmpty() {
        return entries == null ? List.of() : entries;
    }

    public Catalogue withSignature(String value) {
        return new Catalogue(version, metadata, entries, value, extra);
    }

    public Catalogue withEntries(List<Entry> value) {
        return new Catalogue(version, metadata, value, signature, extra);
    }

    /** The collection as a whole. */
    public record Metadata(String title, String description, String creator, String createdAt, String updatedAt,
            String language, List<String> tags, String website, String contact,
            @JsonAnySetter Map<String, Object> extra) {

        public Metadata {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> extra() {
            return extra;
        }
    }

    /** One playable item: an episode, a chapter, a lecture. */
    public record Entry(String id, EntryMetadata metadata, List<String> uriPoints, List<String> backupUris,
            List<Checksum> checksums, Schedule schedule, @JsonAnySetter Map<String, Object> extra) {

        public Entry {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> extra() {
            return extra;
        }

        /** Every place the audio may be fetched from: uri_points first, then backup_uris. */
        @JsonIgnore
        public List<String> allUris() {
            List<String> all = new java.util.ArrayList<>();
            if (uriPoints != null) {
                all.addAll(uriPoints);
            }
            if (backupUris != null) {
                all.addAll(backupUris);
            }
            return all;
        }

        @JsonIgnore
        public String title() {
            return metadata == null ? null : metadata.title();
        }
    }

    public record EntryMetadata(String title, String description, String author, String publisher,
            java.math.BigDecimal duration, Long size, Genre genre, String audioType, String language,
            String publishedAt, Integer episodeNumber, Integer seasonNumber, String series, List<String> keywords,
            String rating, Boolean hasTranscript, String thumbnail, List<String> relatedContent,
            @JsonAnySetter Map<String, Object> extra) {

        public EntryMetadata {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> extra() {
            return extra;
        }
    }

    /** A digest the audio must match; {@code size} in bytes. */
    public record Checksum(String algorithm, String hash, Long size, @JsonAnySetter Map<String, Object> extra) {

        public Checksum {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> extra() {
            return extra;
        }
    }

    /**
     * When an entry may be played: between {@code available_from} and {@code available_until}, on
     * {@code available_days} (0 = Sunday), within {@code available_hours} [start, end), all read in
     * {@code timezone} (UTC when absent).
     */
    public record Schedule(String availableFrom, String availableUntil, List<Integer> availableDays,
            List<Integer> availableHours, String timezone, @JsonAnySetter Map<String, Object> extra) {

        public Schedule {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> extra() {
            return extra;
        }
    }
}
