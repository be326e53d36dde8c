package org.defiancenetwork.audigy.augy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.defiancenetwork.audigy.augy.Catalogue.Checksum;
import org.defiancenetwork.audigy.augy.Catalogue.Entry;
import org.defiancenetwork.audigy.augy.Catalogue.EntryMetadata;
import org.defiancenetwork.audigy.augy.Catalogue.Schedule;

/**
 * The rules of {@code .augy} (DESIGN §7 and the original's own checks), applied to a whole
 * catalogue so that every problem is reported at once. Values outside the known lists (genre,
 * audio_type, rating) are warnings: files in the wild use them and a round trip must keep them.
 */
public final class AugyValidator {

    public static final List<String> AUDIO_TYPES = List.of("Single", "Episode", "Chapter", "LiveStream", "Clip", "Album");
    public static final List<String> RATINGS = List.of("G", "PG", "PG-13", "R", "NC-17", "Explicit", "Clean");
    public static final Set<String> URI_SCHEMES = Set.of("http", "https", "ipfs");
    public static final Map<String, Integer> CHECKSUM_HEX_LENGTHS = Map.of("sha256", 64, "md5", 32);

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final Function<String, Integer> lines;
    private final Set<String> alreadyReported;
    private final List<Finding> findings = new ArrayList<>();

    private AugyValidator(Function<String, Integer> lines, Set<String> alreadyReported) {
        this.lines = lines;
        this.alreadyReported = alreadyReported;
    }

    /** Checks a catalogue built in code (no lines known, nothing reported yet). */
    public static List<Finding> validate(Catalogue catalogue) {
        return validate(catalogue, location -> null, Set.of());
    }

    /**
     * @param lines           the line of a location, or null
     * @param alreadyReported locations whose value had the wrong type and was left out: no second
     *                        finding about them (or anything under them)
     */
    static List<Finding> validate(Catalogue catalogue, Function<String, Integer> lines, Set<String> alreadyReported) {
        AugyValidator v = new AugyValidator(lines, alreadyReported);
        v.catalogue(catalogue);
        return v.findings;
    }

    private void catalogue(Catalogue c) {
        if (c.version() == null) {
            error("version", "version is missing; it must be \"" + Catalogue.VERSION + "\"");
        } else if (!Catalogue.VERSION.equals(c.version())) {
            error("version", "unsupported version \"" + c.version() + "\"; this node reads version \"" + Catalogue.VERSION + "\"");
        }
        if (c.metadata() == null) {
            error("metadata", "metadata is missing; a catalogue needs at least a title");
        } else {
            Catalogue.Metadata m = c.metadata();
            if (blank(m.title())) {
                error("metadata.title", "the catalogue's title must not be blank");
            }
            timestamp("metadata.created_at", m.createdAt());
            timestamp("metadata.updated_at", m.updatedAt());
            if (m.website() != null && !webUrl(m.website())) {
                warning("metadata.website", "\"" + m.website() + "\" is not an http or https URL");
            }
            language("metadata.language", m.language());
        }
        if (c.entries() == null) {
            error("entries", "entries is missing; write an empty list for a catalogue without entries");
            return;
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Entry e : c.entries()) {
            if (e != null && e.id() != null) {
                ids.add(e.id().toLowerCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < c.entries().size(); i++) {
            entry("entries[" + i + "]", c.entries().get(i), i, firstIndexOfId, ids);
        }
    }

    private void entry(String at, Entry e, int index, Map<String, Integer> firstIndexOfId, Set<String> ids) {
        if (e == null) {
            error(at, "an entry must be a mapping, not empty");
            return;
        }
        if (blank(e.id())) {
            error(at + ".id", "each entry needs an id (a UUID)");
        } else if (!isUuid(e.id())) {
            error(at + ".id", "\"" + e.id() + "\" is not a UUID");
        } else {
            Integer first = firstIndexOfId.putIfAbsent(e.id().toLowerCase(Locale.ROOT), index);
            if (first != null) {
                error(at + ".id", "the same id as entries[" + first + "]; entry ids must be unique");
            }
        }
        if (e.metadata() == null) {
            error(at + ".metadata", "metadata is missing; an entry needs at least a title");
        } else {
            entryMetadata(at + ".metadata", e.metadata(), e, ids);
        }
        if (e.uriPoints() == null || e.uriPoints().isEmpty()) {
            error(at + ".uri_points", "each entry needs at least one uri_point (http, https or ipfs)");
        } else {
            uris(at + ".uri_points", e.uriPoints());
        }
        if (e.backupUris() != null) {
            uris(at + ".backup_uris", e.backupUris());
        }
        if (e.checksums() != null) {
            for (int i = 0; i < e.checksums().size(); i++) {
                checksum(at + ".checksums[" + i + "]", e.checksums().get(i), e.metadata());
            }
        }
        if (e.schedule() != null) {
            schedule(at + ".schedule", e.schedule());
        }
    }

    private void entryMetadata(String at, EntryMetadata m, Entry e, Set<String> ids) {
        if (blank(m.title())) {
            error(at + ".title", "the entry's title must not be blank");
        }
        if (m.duration() != null && m.duration().signum() < 0) {
            error(at + ".duration", "the duration (seconds) must not be negative");
        }
        if (m.size() != null && m.size() < 0) {
            error(at + ".size", "the size (bytes) must not be negative");
        }
        if (m.episodeNumber() != null && m.episodeNumber() < 0) {
            error(at + ".episode_number", "the episode number must not be negative");
        }
        if (m.seasonNumber() != null && m.seasonNumber() < 0) {
            error(at + ".season_number", "the season number must not be negative");
        }
        if (m.genre() != null && !m.genre().wellFormed()) {
            error(at + ".genre", "a genre is a name such as \"Podcast\" or {Other: \"...\"}");
        } else if (m.genre() != null && !m.genre().known()) {
            warning(at + ".genre", "unknown genre \"" + m.genre().name() + "\", kept as given; known genres are "
                    + String.join(", ", Genre.KNOWN.subList(0, Genre.KNOWN.size() - 1)) + " or {Other: \"...\"}");
        }
        if (m.audioType() != null && !AUDIO_TYPES.contains(m.audioType())) {
            warning(at + ".audio_type", "unknown audio_type \"" + m.audioType() + "\", kept as given; known types are "
                    + String.join(", ", AUDIO_TYPES));
        }
        if (m.rating() != null && !RATINGS.contains(m.rating())) {
            warning(at + ".rating", "unknown rating \"" + m.rating() + "\", kept as given");
        }
        timestamp(at + ".published_at", m.publishedAt());
        language(at + ".language", m.language());
        if (m.thumbnail() != null && !webUrl(m.thumbnail()) && !m.thumbnail().startsWith("ipfs://")) {
            warning(at + ".thumbnail", "\"" + m.thumbnail() + "\" is not an http, https or ipfs URL");
        }
        if (m.relatedContent() != null) {
            for (int i = 0; i < m.relatedContent().size(); i++) {
                String related = m.relatedContent().get(i);
                String where = at + ".related_content[" + i + "]";
                if (related == null || !isUuid(related)) {
                    error(where, "\"" + related + "\" is not an entry id (a UUID)");
                } else if (!ids.contains(related.toLowerCase(Locale.ROOT))) {
                    warning(where, "no entry with the id " + related + " in this catalogue");
                } else if (related.equalsIgnoreCase(e.id())) {
                    warning(where, "an entry lists itself as related");
                }
            }
        }
    }

    private void uris(String at, List<String> uris) {
        for (int i = 0; i < uris.size(); i++) {
            String where = at + "[" + i + "]";
            String text = uris.get(i);
            if (blank(text)) {
                error(where, "a URI must not be blank");
                continue;
            }
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
                if (scheme == null || !URI_SCHEMES.contains(scheme)) {
                    error(where, "\"" + text + "\" has " + (scheme == null ? "no scheme" : "the scheme " + scheme)
                            + "; only http, https and ipfs are accepted");
                } else if (!scheme.equals("ipfs") && (uri.getHost() == null || uri.getHost().isBlank())) {
                    error(where, "\"" + text + "\" has no host");
                } else if (scheme.equals("ipfs") && blank(uri.getRawAuthority()) && blank(uri.getRawPath())) {
                    error(where, "\"" + text + "\" names no content (ipfs://<CID>[/path])");
                }
            } catch (URISyntaxException ex) {
                error(where, "\"" + text + "\" is not a valid URI: " + ex.getReason());
            }
        }
    }

    private void checksum(String at, Checksum c, EntryMetadata m) {
        if (c == null) {
            error(at, "a checksum must be a mapping with algorithm, hash and size");
            return;
        }
        Integer length = null;
        if (blank(c.algorithm())) {
            error(at + ".algorithm", "the algorithm is missing (sha256 or md5)");
        } else {
            length = CHECKSUM_HEX_LENGTHS.get(c.algorithm());
            if (length == null) {
                error(at + ".algorithm", "\"" + c.algorithm() + "\" is not accepted; use sha256 or md5");
            }
        }
        if (blank(c.hash())) {
            error(at + ".hash", "the hash is missing");
        } else if (!HEX.matcher(c.hash()).matches()) {
            error(at + ".hash", "the hash must be hexadecimal");
        } else if (length != null && c.hash().length() != length) {
            error(at + ".hash", "a " + c.algorithm() + " hash has " + length + " hex digits, this one has " + c.hash().length());
        }
        if (c.size() == null) {
            error(at + ".size", "the size (bytes) of the checked file is missing");
        } else if (c.size() < 0) {
            error(at + ".size", "the size must not be negative");
        } else if (m != null && m.size() != null && !m.size().equals(c.size())) {
            warning(at + ".size", "the checksum's size " + c.size() + " differs from metadata.size " + m.size());
        }
    }

    private void schedule(String at, Schedule s) {
        OffsetDateTime from = timestamp(at + ".available_from", s.availableFrom());
        OffsetDateTime until = timestamp(at + ".available_until", s.availableUntil());
        if (from != null && until != null && !from.isBefore(until)) {
            error(at + ".available_until", "available_until must be after available_from");
        }
        if (s.availableDays() != null) {
            for (int i = 0; i < s.availableDays().size(); i++) {
                Integer day = s.availableDays().get(i);
                if (day == null || day < 0 || day > 6) {
                    error(at + ".available_days[" + i + "]", "a day is 0 (Sunday) to 6 (Saturday), not " + day);
                }
            }
        }
        List<Integer> hours = s.availableHours();
        if (hours != null) {
            if (hours.size() != 2) {
                error(at + ".available_hours", "available_hours is [start, end) in hours 0-24, e.g. [9, 17]");
            } else {
                Integer start = hours.get(0);
                Integer end = hours.get(1);
                boolean inRange = true;
                for (int i = 0; i < 2; i++) {
                    Integer h = hours.get(i);
                    if (h == null || h < 0 || h > 24) {
                        error(at + ".available_hours[" + i + "]", "an hour is 0 to 24, not " + h);
                        inRange = false;
                    }
                }
                if (inRange && start >= end) {
                    error(at + ".available_hours", "the start hour " + start + " must be before the end hour " + end);
                }
            }
        }
        if (s.timezone() != null && !timeZone(s.timezone())) {
            error(at + ".timezone", "\"" + s.timezone() + "\" is not an IANA time zone such as Europe/Berlin or UTC");
        }
    }

    private OffsetDateTime timestamp(String at, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            error(at, "\"" + value + "\" is not an RFC 3339 time such as 2024-05-01T18:00:00Z");
            return null;
        }
    }

    private void language(String at, String tag) {
        if (tag != null && (blank(tag) || Locale.forLanguageTag(tag).getLanguage().isEmpty())) {
            warning(at, "\"" + tag + "\" is not a language tag such as en or pt-BR");
        }
    }

    /** IANA names only: ZoneId also takes offsets such as +02:00, which the format does not. */
    static boolean timeZone(String name) {
        return ZoneId.getAvailableZoneIds().contains(name) || name.equals("UTC");
    }

    public static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean webUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private boolean reported(String location) {
        for (String bad : alreadyReported) {
            if (location.equals(bad) || location.startsWith(bad + ".") || location.startsWith(bad + "[")) {
                return true;
            }
        }
        return false;
    }

    private void error(String location, String message) {
        if (!reported(location)) {
            findings.add(Finding.error(location, lines.apply(location), message));
        }
    }

    private void warning(String location, String message) {
        if (!reported(location)) {
            findings.add(Finding.warning(location, lines.apply(location), message));
        }
    }
}
