package org.defiancenetwork.audigy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Catalogue.Entry;
import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeConfig;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.Threads;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;

/**
 * The node's verified copies of entries' audio (defiance.audio.cache). A copy is fetched from the
 * entry's uri_points, then its backup_uris, until one gives a file whose size and checksums match
 * the catalogue; a file that does not match is never served, and the entry says which URI gave it
 * and how it differed. Copies are served with Range support; when the cache outgrows its cap the
 * least recently played copies are dropped.
 */
@ApplicationScoped
@Startup
public class AudioCopies {

    private static final Logger LOG = Logger.getLogger(AudioCopies.class);
    /** A failed fetch is tried again on a play after this long, not on every play. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    /** What the node holds of an entry's audio. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Status(AudioCopy.State state, String detail, String sourceUri, Long sizeBytes, String contentType,
            String sha256, boolean pinned) {

        public boolean servable() {
            return state == AudioCopy.State.VERIFIED || state == AudioCopy.State.UNVERIFIED;
        }
    }

    private final AudioConfig config;
    private final AudioOrigins origins;
    private final NodeIdentity node;
    private final Catalogues catalogues;
    private final Path dir;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, CompletableFuture<Status>> fetching = new ConcurrentHashMap<>();

    AudioCopies(AudioConfig config, AudioOrigins origins, NodeIdentity node, NodeConfig nodeConfig, Catalogues catalogues) {
        this.config = config;
        this.origins = origins;
        this.node = node;
        this.catalogues = catalogues;
        this.dir = nodeConfig.dataPath().resolve("audio").resolve("cache");
        // Made at startup on an ordinary thread, never later from a request or a callback (platform.Threads).
        this.pool = Threads.fixedPool("audio-copy", 2);
        forgetInterruptedFetches();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    public AudioConfig.CacheMode mode() {
        return config.cache();
    }

    public Path file(String entryId) {
        return dir.resolve(entryId.toLowerCase(Locale.ROOT));
    }

    public Optional<Status> status(String entryId) {
        return QuarkusTransaction.requiringNew().call(() -> AudioCopy.of(entryId, node.id()).map(AudioCopies::statusOf));
    }

    /**
     * The copy a listener may play: its status now, a fetch started when there is none (or the
     * entry changed, or a failure is old enough to try again).
     */
    public Status ensure(String entryId) {
        String id = entryId.toLowerCase(Locale.ROOT);
        CompletableFuture<Status> running = fetching.get(id);
        if (running != null) {
            return new Status(AudioCopy.State.FETCHING, "being fetched and verified", null, null, null, null, false);
        }
        Optional<Entry> entry = QuarkusTransaction.requiringNew().call(() -> catalogues.document(id));
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("no entry " + id);
        }
        String fingerprint = fingerprint(entry.get());
        Optional<AudioCopy> copy = QuarkusTransaction.requiringNew().call(() -> AudioCopy.of(id, node.id()));
        if (copy.isPresent() && copy.get().fingerprint.equals(fingerprint)) {
            AudioCopy c = copy.get();
            boolean good = (c.state == AudioCopy.State.VERIFIED || c.state == AudioCopy.State.UNVERIFIED) && Files.isRegularFile(file(id));
            boolean recentFailure = (c.state == AudioCopy.State.MISMATCH || c.state == AudioCopy.State.UNAVAILABLE)
                    && c.fetchedAt != null && c.fetchedAt.isAfter(Instant.now().minus(RETRY_AFTER_FAILURE));
            if (good || recentFailure || c.pinned) {
                return statusOf(c);
            }
        }
        fetch(id);
        return new Status(AudioCopy.State.FETCHING, "being fetched and verified", null, null, null, null, false);
    }

    /** Starts fetching an entry's audio (once at a time per entry); the future completes with the outcome. */
    public CompletableFuture<Status> fetch(String entryId) {
        String id = entryId.toLowerCase(Locale.ROOT);
        return fetching.computeIfAbsent(id, key -> {
            CompletableFuture<Status> outcome = new CompletableFuture<>();
            pool.execute(() -> {
                try {
                    outcome.complete(fetchNow(key));
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "fetching the audio of %s failed", key);
                    outcome.completeExceptionally(e);
                } finally {
                    fetching.remove(key);
                }
            });
            return outcome;
        });
    }

    /** Notes that the copy was played now (for least-recently-played eviction), at most twice a minute. */
    public void touch(String entryId) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> AudioCopy.update(
                "lastPlayedAt = ?1 where entryId = ?2 and nodeId = ?3 and (lastPlayedAt is null or lastPlayedAt < ?4)",
                now, entryId.toLowerCase(Locale.ROOT), node.id(), now.minus(TOUCH_GRANULARITY)));
    }

    private Status fetchNow(String id) {
        Optional<Entry> found = QuarkusTransaction.requiringNew().call(() -> catalogues.document(id));
        if (found.isEmpty()) {
            return new Status(AudioCopy.State.UNAVAILABLE, "the entry is gone", null, null, null, null, false);
        }
        Entry entry = found.get();
        String fingerprint = fingerprint(entry);
        QuarkusTransaction.requiringNew().run(() -> {
            AudioCopy c = AudioCopy.of(id, node.id()).orElseGet(AudioCopy::new);
            c.entryId = id;
            c.nodeId = node.id();
            c.state = AudioCopy.State.FETCHING;
            c.fingerprint = fingerprint;
            c.detail = null;
            c.pinned = false;
            c.persist();
        });
        Path target = file(id);
        Path download = dir.resolve(id + ".download");
        List<Catalogue.Checksum> checksums = entry.checksums() == null ? List.of() : entry.checksums();
        long limit = Math.min(config.maxAudioSize().asLongValue(), config.cacheMaxSize().asLongValue());
        Long declared = checksums.stream().map(Catalogue.Checksum::size).filter(s -> s != null).findFirst().orElse(null);
        if (declared != null) {
            limit = Math.min(limit, declared);
        }
        List<String> failures = new ArrayList<>();
        String mismatchUri = null;
        Outcome good = null;
        for (String uri : entry.allUris()) {
            AudioOrigins.Resolved resolved = origins.resolve(uri);
            if (resolved.url() == null) {
                failures.add(uri + ": " + resolved.unavailable());
                continue;
            }
            try {
                Files.createDirectories(dir);
                long size = origins.fetch().download(resolved.url(), download, limit);
                Optional<String> mismatch = mismatch(download, size, checksums, uri);
                if (mismatch.isPresent()) {
                    failures.add(mismatch.get());
                    mismatchUri = mismatchUri == null ? uri : mismatchUri;
                    Files.deleteIfExists(download);
                    continue;
                }
                String sha256 = Hashing.sha256Hex(download);
                String type = AudioTypes.sniff(download);
                Files.move(download, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                good = new Outcome(uri, size, sha256, type);
                break;
            } catch (UrlGuard.Refused e) {
                failures.add(uri + ": refused: " + e.getMessage());
            } catch (RemoteFetch.Failed e) {
                if (e.status() == 413 && declared != null && limit == declared) {
                    failures.add("size mismatch: the file from " + uri + " is larger than the " + declared
                            + " bytes the catalogue says");
                    mismatchUri = mismatchUri == null ? uri : mismatchUri;
                } else {
                    failures.add(uri + ": " + e.getMessage());
                }
            } catch (IOException e) {
                failures.add(uri + ": " + e.getMessage());
            } finally {
                deleteQuietly(download);
            }
        }
        Outcome result = good;
        String firstMismatch = mismatchUri;
        Status status = QuarkusTransaction.requiringNew().call(() -> {
            AudioCopy c = AudioCopy.of(id, node.id()).orElseThrow();
            c.fetchedAt = Instant.now();
            if (result != null) {
                c.state = checksums.isEmpty() ? AudioCopy.State.UNVERIFIED : AudioCopy.State.VERIFIED;
                c.sizeBytes = result.size;
                c.sha256 = result.sha256;
                c.contentType = result.type;
                c.sourceUri = result.uri;
                String verified = checksums.isEmpty() ? "the catalogue gives no checksum to verify against"
                        : "size and " + checksums.stream().map(Catalogue.Checksum::algorithm).distinct().toList() + " match";
                c.detail = Catalogues.clip(failures.isEmpty() ? verified : verified + "; before that: " + String.join("; ", failures), 4000);
            } else {
                c.state = firstMismatch != null ? AudioCopy.State.MISMATCH : AudioCopy.State.UNAVAILABLE;
                c.sourceUri = firstMismatch;
                c.sizeBytes = null;
                c.sha256 = null;
                c.detail = Catalogues.clip(failures.isEmpty() ? "the entry has no URI to fetch" : String.join("; ", failures), 4000);
            }
            return statusOf(c);
        });
        if (status.servable()) {
            evictBeyondCap(id);
        } else {
            LOG.infof("no verified copy of %s: %s", id, status.detail());
        }
        return status;
    }

    private record Outcome(String uri, long size, String sha256, String type) {
    }

    /** Why the downloaded file is not the one the catalogue describes; empty when it is. */
    static Optional<String> mismatch(Path file, long size, List<Catalogue.Checksum> checksums, String uri) throws IOException {
        for (Catalogue.Checksum c : checksums) {
            if (c.size() != null && c.size() != size) {
                return Optional.of("size mismatch: the file from " + uri + " is " + size + " bytes, the catalogue says " + c.size());
            }
        }
        for (Catalogue.Checksum c : checksums) {
            String algorithm = c.algorithm().equals("sha256") ? "SHA-256" : "MD5";
            String actual = Hashing.hex(algorithm, file);
            if (!actual.equalsIgnoreCase(c.hash())) {
                return Optional.of("checksum mismatch: the " + c.algorithm() + " of the file from " + uri + " is " + actual
                        + ", the catalogue says " + c.hash().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private void evictBeyondCap(String keep) {
        List<String> evicted = QuarkusTransaction.requiringNew().call(() -> {
            List<AudioCopy> copies = AudioCopy.list("nodeId = ?1 and pinned = false and state in ?2", node.id(),
                    Set.of(AudioCopy.State.VERIFIED, AudioCopy.State.UNVERIFIED));
            List<CacheEviction.Candidate> candidates = copies.stream()
                    .map(c -> new CacheEviction.Candidate(c.entryId, c.sizeBytes == null ? 0 : c.sizeBytes,
                            c.lastPlayedAt != null ? c.lastPlayedAt : c.fetchedAt))
                    .toList();
            List<String> chosen = CacheEviction.choose(candidates, config.cacheMaxSize().asLongValue(), keep);
            for (AudioCopy c : copies) {
                if (chosen.contains(c.entryId)) {
                    c.state = AudioCopy.State.EVICTED;
                    c.detail = "evicted (least recently played) to keep the cache within " + config.cacheMaxSize().asLongValue() + " bytes";
                }
            }
            return chosen;
        });
        evicted.forEach(id -> deleteQuietly(file(id)));
        if (!evicted.isEmpty()) {
            LOG.infof("audio cache: evicted %s", evicted);
        }
    }

    /**
     * Keeps a file the node made itself (a recording) as a verified, pinned copy: it is the
     * origin, so it is never evicted.
     */
    void keepOwn(String entryId, Path source, String fingerprint, long size, String sha256, String contentType) throws IOException {
        String id = entryId.toLowerCase(Locale.ROOT);
        Files.createDirectories(dir);
        Path target = file(id);
        Path partial = dir.resolve(id + ".download");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        QuarkusTransaction.requiringNew().run(() -> {
            AudioCopy c = AudioCopy.of(id, node.id()).orElseGet(AudioCopy::new);
            c.entryId = id;
            c.nodeId = node.id();
            c.state = AudioCopy.State.VERIFIED;
            c.fingerprint = fingerprint;
            c.sizeBytes = size;
            c.sha256 = sha256;
            c.contentType = contentType;
            c.sourceUri = null;
            c.detail = "recorded on this node";
            c.pinned = true;
            c.fetchedAt = Instant.now();
            c.persist();
        });
    }

    void onCatalogueChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueChanged change) {
        for (String id : change.removed()) {
            deleteQuietly(file(id));
        }
        for (String id : change.changed()) {
            if (!fetching.containsKey(id)) {
                deleteQuietly(file(id));
            }
        }
        if (config.cache() == AudioConfig.CacheMode.ON_IMPORT) {
            // On a pool thread: this observer runs while the importing request finishes.
            pool.execute(() -> change.stored().forEach(id -> {
                try {
                    ensure(id);
                } catch (RuntimeException e) {
                    LOG.warnf("could not start fetching %s: %s", id, e.getMessage());
                }
            }));
        }
    }

    static String fingerprint(Entry entry) {
        return Hashing.sha256Hex(entry.allUris() + "|" + Catalogues.json(entry.checksums() == null ? List.of() : entry.checksums()));
    }

    private static Status statusOf(AudioCopy c) {
        return new Status(c.state, c.detail, c.sourceUri, c.sizeBytes, c.contentType, c.sha256, c.pinned);
    }

    private void forgetInterruptedFetches() {
        try (var leftovers = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
            leftovers.filter(p -> p.getFileName().toString().contains(".download")).forEach(AudioCopies::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf("could not clear partial downloads in %s: %s", dir, e.getMessage());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> AudioCopy.delete("nodeId = ?1 and state = ?2", node.id(), AudioCopy.State.FETCHING));
        } catch (RuntimeException e) {
            LOG.warnf("could not clear interrupted audio fetches: %s", e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e.getMessage());
        }
    }
}
