package org.defiancenetwork.audigy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.AugyWriter;
import org.defiancenetwork.audigy.augy.Availability;
import org.defiancenetwork.audigy.augy.CanonicalForm;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Catalogue.Entry;
import org.defiancenetwork.audigy.augy.Finding;
import org.defiancenetwork.audigy.augy.Signatures;
import org.defiancenetwork.platform.NodeKeys;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalogues of this node: import (validated whole, stored whole or not at all), update in
 * place by entry id, export signed with the node's key, and the queries the pages make.
 */
@ApplicationScoped
public class Catalogues {

    /** Who asks: the account name, and whether it may change anyone's catalogues. */
    public record Actor(String username, boolean admin) {
    }

    /** What an import did. */
    public record Imported(long catalogueId, CollectionView collection, boolean created, int added, int updated,
            int removed, List<Finding> warnings) {
    }

    private static final ObjectMapper JSON = AugyFormat.JSON.mapper();

    /**
     * The most characters one entry, or a catalogue's metadata, may take as JSON: the widest text
     * column H2 and PostgreSQL share (1 MiB). A catalogue file may be 10 MiB, but not one entry.
     */
    static final int MAX_DOCUMENT_CHARS = 1_048_576;

    private final NodeKeys keys;
    private final Event<CatalogueChanged> changes;

    Catalogues(NodeKeys keys, Event<CatalogueChanged> changes) {
        this.keys = keys;
        this.changes = changes;
    }

    /** Reads, validates and stores an uploaded catalogue; throws {@link CatalogueRejected} with every reason. */
    @Transactional
    public Imported importFile(byte[] content, AugyFormat declared, Actor actor) {
        AugyReader.Reading reading = read(content, declared);
        AudioCatalogue target = targetOf(reading.catalogue(), actor);
        return store(reading.catalogue(), reading.format(), reading.warnings(), target, AudioCatalogue.Origin.UPLOAD,
                actor.username());
    }

    static AugyReader.Reading read(byte[] content, AugyFormat declared) {
        AugyReader.Reading reading;
        try {
            reading = AugyReader.read(content, declared);
        } catch (AugyReader.TooLarge e) {
            throw new CatalogueRejected(413, e.getMessage());
        }
        if (!reading.valid()) {
            List<Finding> errors = reading.errors();
            throw new CatalogueRejected(422, "The catalogue (" + reading.format() + ") has " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "; nothing was imported.", errors, reading.warnings());
        }
        return reading;
    }

    /**
     * The catalogue an upload updates: the one that already holds its entries (the same catalogue,
     * imported again), else an earlier upload with the same title and creator; null for a new one.
     */
    private AudioCatalogue targetOf(Catalogue catalogue, Actor actor) {
        Set<String> ids = catalogue.entriesOrEmpty().stream().map(e -> e.id().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<Long> holders = ids.isEmpty() ? Set.of() : AudioEntry.<AudioEntry>list("id in ?1", ids).stream()
                .map(e -> e.catalogueId).collect(Collectors.toSet());
        AudioCatalogue target;
        if (holders.size() > 1) {
            String names = holders.stream().map(id -> AudioCatalogue.<AudioCatalogue>findById(id).slug).sorted()
                    .collect(Collectors.joining(", "));
            throw new CatalogueRejected(409, "Its entries already belong to several collections (" + names
                    + "); an entry id belongs to one collection.");
        } else if (holders.size() == 1) {
            target = AudioCatalogue.findById(holders.iterator().next());
            if (target.origin != AudioCatalogue.Origin.UPLOAD) {
                throw new CatalogueRejected(409, "Its entries belong to the collection " + target.slug + ", which "
                        + (target.origin == AudioCatalogue.Origin.CHANNEL ? "holds a channel's recordings"
                                : "follows a subscribed source")
                        + "; an entry id belongs to one collection.");
            }
        } else {
            String title = catalogue.metadata().title().strip();
            target = AudioCatalogue.<AudioCatalogue>find("origin = ?1 and title = ?2", AudioCatalogue.Origin.UPLOAD, title)
                    .stream().filter(c -> Objects.equals(c.creator, catalogue.metadata().creator())).findFirst().orElse(null);
        }
        if (target != null && !actor.admin() && !Objects.equals(target.owner, actor.username())) {
            throw new CatalogueRejected(403, "The collection " + target.slug + " was imported by someone else; only they or an admin may update it.");
        }
        return target;
    }

    /**
     * Stores a valid catalogue into {@code target} (a new catalogue when null): entries keyed by
     * id are updated in place, new ones added, those no longer in the file removed.
     */
    @Transactional
    Imported store(Catalogue catalogue, AugyFormat format, List<Finding> warnings, AudioCatalogue target,
            AudioCatalogue.Origin origin, String owner) {
        checkSizes(catalogue, warnings);
        checkEntriesAreFree(catalogue, target);
        Signatures.Verdict verdict = Signatures.verify(catalogue);
        boolean created = target == null;
        Instant now = Instant.now();
        AudioCatalogue row = created ? new AudioCatalogue() : target;
        Catalogue.Metadata m = catalogue.metadata();
        if (created) {
            row.slug = uniqueSlug(Slugs.of(m.title()));
            row.origin = origin;
            row.owner = owner;
            row.importedAt = now;
        }
        row.title = clip(m.title().strip(), 300);
        row.creator = clip(m.creator(), 300);
        row.description = clip(m.description(), 4000);
        row.signatureState = verdict.state();
        row.signedBy = verdict.signer();
        row.signatureNote = clip(verdict.reason(), 500);
        row.sourceFormat = format;
        row.warnings = warnings.size();
        row.document = json(catalogue.withEntries(null).withSignature(null));
        row.updatedAt = now;
        if (created) {
            row.persist();
        }

        Map<String, AudioEntry> existing = new HashMap<>();
        for (AudioEntry e : AudioEntry.ofCatalogue(row.id)) {
            existing.put(e.id, e);
        }
        Set<String> stored = new HashSet<>();
        Set<String> changed = new HashSet<>();
        int added = 0;
        int updated = 0;
        List<Entry> entries = catalogue.entriesOrEmpty();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String id = entry.id().toLowerCase(Locale.ROOT);
            AudioEntry e = existing.remove(id);
            String document = json(entry);
            if (e == null) {
                e = new AudioEntry();
                e.id = id;
                e.catalogueId = row.id;
                added++;
            } else if (!e.document.equals(document) || e.position != i) {
                updated++;
                if (!Objects.equals(audioOf(e.document), audioOf(document))) {
                    changed.add(id);
                }
            }
            describe(e, entry, i, document);
            e.persist();
            stored.add(id);
        }
        for (AudioEntry gone : existing.values()) {
            AudioCopy.delete("entryId", gone.id);
            gone.delete();
        }
        changes.fire(new CatalogueChanged(row.id, stored, changed, Set.copyOf(existing.keySet())));
        return new Imported(row.id, view(row), created, added, updated, existing.size(), warnings);
    }

    /** {@link #store} in a transaction of its own, into the catalogue with this id (a new one when null). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Imported storeInto(Long catalogueId, Catalogue catalogue, AugyFormat format, List<Finding> warnings,
            AudioCatalogue.Origin origin, String owner) {
        AudioCatalogue target = catalogueId == null ? null : AudioCatalogue.findById(catalogueId);
        return store(catalogue, format, warnings, target, origin, owner);
    }

    /** True when the catalogue with this id already is {@code fresh}: same content, same signature verdict. */
    @Transactional
    boolean holds(long catalogueId, Catalogue fresh) {
        AudioCatalogue row = AudioCatalogue.findById(catalogueId);
        if (row == null) {
            return false;
        }
        Signatures.Verdict verdict = Signatures.verify(fresh);
        return verdict.state() == row.signatureState && Objects.equals(verdict.signer(), row.signedBy)
                && CanonicalForm.of(stored(row)).equals(CanonicalForm.of(fresh));
    }

    private static void checkSizes(Catalogue catalogue, List<Finding> warnings) {
        List<Finding> tooLarge = new ArrayList<>();
        if (json(catalogue.withEntries(null).withSignature(null)).length() > MAX_DOCUMENT_CHARS) {
            tooLarge.add(Finding.error("metadata", null, "the catalogue's metadata takes more than 1 MiB"));
        }
        List<Entry> entries = catalogue.entriesOrEmpty();
        for (int i = 0; i < entries.size(); i++) {
            if (json(entries.get(i)).length() > MAX_DOCUMENT_CHARS) {
                tooLarge.add(Finding.error("entries[" + i + "]", null, "this entry takes more than 1 MiB; one entry may take at most 1 MiB"));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new CatalogueRejected(413, "Parts of the catalogue are too large; nothing was imported.", tooLarge, warnings);
        }
    }

    /** An entry id names one entry on the node; another collection's entry is not taken over. */
    private static void checkEntriesAreFree(Catalogue catalogue, AudioCatalogue target) {
        Set<String> ids = catalogue.entriesOrEmpty().stream().map(e -> e.id().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return;
        }
        List<AudioEntry> held = AudioEntry.list("id in ?1", ids);
        for (AudioEntry e : held) {
            if (target == null || !e.catalogueId.equals(target.id)) {
                AudioCatalogue other = AudioCatalogue.findById(e.catalogueId);
                throw new CatalogueRejected(409, "The entry " + e.id + " already belongs to the collection "
                        + other.slug + "; an entry id belongs to one collection.");
            }
        }
    }

    private static void describe(AudioEntry e, Entry entry, int position, String document) {
        Catalogue.EntryMetadata m = entry.metadata();
        e.position = position;
        e.title = clip(m.title().strip(), 300);
        e.author = clip(m.author(), 300);
        e.series = clip(m.series(), 300);
        e.seasonNumber = m.seasonNumber();
        e.episodeNumber = m.episodeNumber();
        e.genre = m.genre() == null ? null : clip(m.genre().label(), 100);
        e.audioType = clip(m.audioType(), 40);
        e.durationMs = m.duration() == null ? null : m.duration().multiply(BigDecimal.valueOf(1000)).longValue();
        e.sizeBytes = m.size() != null ? m.size()
                : entry.checksums() == null ? null : entry.checksums().stream().map(Catalogue.Checksum::size)
                        .filter(Objects::nonNull).findFirst().orElse(null);
        e.publishedAt = instant(m.publishedAt());
        List<String> words = new ArrayList<>();
        words.add(m.title());
        words.add(m.description());
        words.add(m.author());
        if (m.keywords() != null) {
            words.addAll(m.keywords());
        }
        e.searchText = clip(words.stream().filter(Objects::nonNull).collect(Collectors.joining(" \u0001 "))
                .toLowerCase(Locale.ROOT), 20000);
        e.document = document;
    }

    /** The parts of an entry its audio copy depends on. */
    private static String audioOf(String entryDocument) {
        Entry e = parseEntry(entryDocument);
        return String.valueOf(e.allUris()) + e.checksums();
    }

    private String uniqueSlug(String base) {
        String slug = base;
        for (int n = 2; AudioCatalogue.count("slug", slug) > 0; n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    // --- reading back ---

    public Optional<AudioCatalogue> bySlug(String slug) {
        return AudioCatalogue.bySlug(slug);
    }

    /**
     * The catalogue as the node publishes it: its stored form with every entry in order, relative
     * URIs of the node's own files made absolute against {@code baseUrl}, signed by this node.
     */
    public Catalogue published(AudioCatalogue row, String baseUrl) {
        Catalogue stored = stored(row);
        List<Entry> entries = stored.entriesOrEmpty().stream().map(e -> absolute(e, baseUrl)).toList();
        return Signatures.sign(stored.withEntries(entries), keys);
    }

    /** The catalogue as stored: metadata, unknown members and every entry in order; unsigned. */
    Catalogue stored(AudioCatalogue row) {
        Catalogue head = parse(row.document, Catalogue.class);
        List<Entry> entries = AudioEntry.ofCatalogue(row.id).stream().map(e -> parseEntry(e.document)).toList();
        return new Catalogue(head.version() == null ? Catalogue.VERSION : head.version(), head.metadata(), entries, null,
                head.extra());
    }

    /** The stored metadata of a catalogue (title, language, contact, image and other members). */
    Catalogue.Metadata metadata(AudioCatalogue row) {
        return parse(row.document, Catalogue.class).metadata();
    }

    public byte[] export(AudioCatalogue row, AugyFormat format, String baseUrl) {
        return AugyWriter.write(published(row, baseUrl), format);
    }

    private static Entry absolute(Entry e, String baseUrl) {
        if (baseUrl == null || e.uriPoints() == null || e.uriPoints().stream().noneMatch(u -> u.startsWith("/"))) {
            return e;
        }
        List<String> uris = e.uriPoints().stream().map(u -> u.startsWith("/") ? baseUrl + u : u).toList();
        return new Entry(e.id(), e.metadata(), uris, e.backupUris(), e.checksums(), e.schedule(), e.extra());
    }

    public List<CollectionView> collections() {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : AudioEntry.getEntityManager()
                .createQuery("select e.catalogueId, count(e) from AudioEntry e group by e.catalogueId", Object[].class)
                .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return AudioCatalogue.<AudioCatalogue>list("order by title").stream()
                .map(c -> view(c, counts.getOrDefault(c.id, 0L))).toList();
    }

    public CollectionView view(AudioCatalogue c) {
        return view(c, AudioEntry.count("catalogueId", c.id));
    }

    private CollectionView view(AudioCatalogue c, long entries) {
        return new CollectionView(c.slug, c.title, c.creator, c.description, c.origin.name(), c.owner, c.channelSlug,
                entries, c.signatureState.name(), c.signedBy, keys.nodeId().equals(c.signedBy), c.signatureNote,
                c.sourceFormat.name(), c.warnings, c.importedAt, c.updatedAt);
    }

    /**
     * Entries matching every word of {@code query} (in title, description, author or keywords),
     * of {@code genre} and of {@code collection} when given: by collection, then series, season
     * and episode, then the catalogue's own order.
     */
    public List<EntryView> search(String query, String genre, String collection, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (collection != null && !collection.isBlank()) {
            Optional<AudioCatalogue> c = AudioCatalogue.bySlug(collection);
            if (c.isEmpty()) {
                return List.of();
            }
            where.append(" and catalogueId = :catalogue");
            params.put("catalogue", c.get().id);
        }
        if (genre != null && !genre.isBlank()) {
            where.append(" and genre = :genre");
            params.put("genre", genre);
        }
        if (query != null) {
            int n = 0;
            for (String word : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
                if (!word.isEmpty() && n < 8) {
                    where.append(" and searchText like :w").append(n).append(" escape '\\'");
                    params.put("w" + n, "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                    n++;
                }
            }
        }
        List<AudioEntry> rows = AudioEntry.find(where + " order by catalogueId, series nulls last, seasonNumber nulls last, episodeNumber nulls last, position", params)
                .page(0, limit).list();
        return views(rows);
    }

    public List<String> genres() {
        return AudioEntry.getEntityManager()
                .createQuery("select distinct e.genre from AudioEntry e where e.genre is not null order by e.genre", String.class)
                .getResultList();
    }

    public Optional<EntryView> entry(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return AudioEntry.<AudioEntry>findByIdOptional(id.toLowerCase(Locale.ROOT)).map(e -> views(List.of(e)).get(0));
    }

    public List<EntryView> entries(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return views(AudioEntry.list("id in ?1", ids.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList()));
    }

    /** The entry as stored, unknown members included. */
    public Optional<Entry> document(String id) {
        return AudioEntry.<AudioEntry>findByIdOptional(id.toLowerCase(Locale.ROOT)).map(e -> parseEntry(e.document));
    }

    private List<EntryView> views(List<AudioEntry> rows) {
        Map<Long, AudioCatalogue> catalogues = new HashMap<>();
        Instant now = Instant.now();
        List<EntryView> views = new ArrayList<>();
        for (AudioEntry row : rows) {
            AudioCatalogue c = catalogues.computeIfAbsent(row.catalogueId, id -> AudioCatalogue.findById(id));
            Entry e = parseEntry(row.document);
            Catalogue.EntryMetadata m = e.metadata();
            views.add(new EntryView(row.id, c.slug, c.title, row.position, row.title, m.description(), m.author(),
                    m.publisher(), row.series, row.seasonNumber, row.episodeNumber, row.genre, row.audioType,
                    row.durationMs, row.sizeBytes, row.publishedAt, listOrEmpty(m.keywords()), m.rating(),
                    Boolean.TRUE.equals(m.hasTranscript()), m.thumbnail(), m.language(), listOrEmpty(m.relatedContent()),
                    listOrEmpty(e.uriPoints()), listOrEmpty(e.backupUris()), listOrEmpty(e.checksums()),
                    Availability.at(e.schedule(), now)));
        }
        return views;
    }

    @Transactional
    public void delete(AudioCatalogue row, Actor actor) {
        if (!actor.admin() && !Objects.equals(row.owner, actor.username())) {
            throw new CatalogueRejected(403, "Only whoever imported " + row.slug + " or an admin may delete it.");
        }
        Set<String> ids = AudioEntry.ofCatalogue(row.id).stream().map(e -> e.id).collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            AudioCopy.delete("entryId in ?1", ids);
            AudioEntry.delete("catalogueId", row.id);
        }
        AudioSource.delete("catalogueId", row.id);
        row.delete();
        changes.fire(new CatalogueChanged(row.id, Set.of(), Set.of(), ids));
    }

    // --- JSON of the stored documents ---

    static String json(Object value) {
        try {
            return JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry parseEntry(String document) {
        return parse(document, Entry.class);
    }

    private static <T> T parse(String document, Class<T> type) {
        try {
            return JSON.readValue(document, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored audio document is unreadable", e);
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
