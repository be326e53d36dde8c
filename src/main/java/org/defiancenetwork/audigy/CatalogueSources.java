package org.defiancenetwork.audigy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.AugyReader;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Finding;
import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;
import org.jboss.logging.Logger;

import com.rometools.rome.io.FeedException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The URLs the node follows: an {@code .augy} file or a podcast feed, fetched when subscribed
 * and again every {@code defiance.audio.refresh-interval} with a conditional GET. A refresh that
 * fails, or brings something invalid, changes nothing: the last good copy stays and the source
 * shows why.
 */
@ApplicationScoped
public class CatalogueSources {

    private static final Logger LOG = Logger.getLogger(CatalogueSources.class);

    /** A source as pages and the API show it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SourceView(long id, String url, String kind, String collection, String owner, Instant lastCheckedAt,
            Instant lastChangedAt, String lastOutcome, String lastError, Instant nextCheckAt) {
    }

    /** What one fetch of a source found; {@code findings} when it was invalid. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Refreshed(SourceView source, AudioSource.Outcome outcome, List<Finding> findings) {
    }

    private final AudioOrigins origins;
    private final Catalogues catalogues;
    private final AudioConfig config;

    CatalogueSources(AudioOrigins origins, Catalogues catalogues, AudioConfig config) {
        this.origins = origins;
        this.catalogues = catalogues;
        this.config = config;
    }

    /**
     * Follows a URL from now on. The first fetch happens now, and must succeed: a source that
     * cannot be reached or read is refused with the reason rather than kept half-made.
     */
    public Refreshed subscribe(String url, AudioSource.Kind kind, Catalogues.Actor actor) {
        try {
            origins.guard().check(url);
        } catch (UrlGuard.Refused e) {
            throw new CatalogueRejected(422, "The node will not fetch " + url + ": " + e.getMessage());
        }
        if (QuarkusTransaction.requiringNew().call(() -> AudioSource.count("url", url.strip())) > 0) {
            throw new CatalogueRejected(409, "This node already follows " + url + ".");
        }
        Fetched fetched = fetch(url.strip(), kind, RemoteFetch.Validators.NONE);
        if (fetched.failure != null) {
            throw new CatalogueRejected(fetched.status, "Could not subscribe: " + fetched.failure, fetched.errors(), fetched.warnings());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Catalogues.Imported imported = catalogues.store(fetched.catalogue, fetched.format, fetched.warnings(), null,
                    AudioCatalogue.Origin.SUBSCRIPTION, actor.username());
            AudioSource source = new AudioSource();
            source.url = url.strip();
            source.kind = kind;
            source.owner = actor.username();
            source.catalogueId = imported.catalogueId();
            source.createdAt = Instant.now();
            source.lastCheckedAt = source.createdAt;
            source.lastChangedAt = source.createdAt;
            source.lastOutcome = AudioSource.Outcome.UPDATED;
            source.etag = fetched.validators.etag();
            source.lastModified = fetched.validators.lastModified();
            source.nextCheckAt = source.createdAt.plus(config.refreshInterval());
            source.persist();
            return new Refreshed(view(source), AudioSource.Outcome.UPDATED, fetched.warnings());
        });
    }

    /** Fetches a source again now (conditional GET); keeps the last good copy on any failure. */
    public Refreshed refresh(long sourceId) {
        AudioSource known = QuarkusTransaction.requiringNew().call(() -> AudioSource.<AudioSource>findById(sourceId));
        if (known == null) {
            throw new CatalogueRejected(404, "There is no source " + sourceId + " on this node.");
        }
        RemoteFetch.Validators validators = known.catalogueId != null
                ? new RemoteFetch.Validators(known.etag, known.lastModified) : RemoteFetch.Validators.NONE;
        Fetched fetched = fetch(known.url, known.kind, validators);

        AudioSource.Outcome outcome;
        String error = null;
        List<Finding> findings = List.of();
        Long catalogueId = known.catalogueId;
        if (fetched.failure != null) {
            outcome = fetched.invalid ? AudioSource.Outcome.INVALID : AudioSource.Outcome.FAILED;
            findings = fetched.errors();
            error = fetched.failure + (findings.isEmpty() ? ""
                    : ": " + String.join("; ", findings.stream().map(Finding::toString).toList()));
        } else if (fetched.notModified) {
            outcome = AudioSource.Outcome.NOT_MODIFIED;
        } else if (catalogueId != null && catalogues.holds(catalogueId, fetched.catalogue)) {
            outcome = AudioSource.Outcome.UNCHANGED;
        } else {
            try {
                Catalogues.Imported imported = catalogues.storeInto(catalogueId, fetched.catalogue, fetched.format,
                        fetched.warnings(), AudioCatalogue.Origin.SUBSCRIPTION, known.owner);
                catalogueId = imported.catalogueId();
                outcome = AudioSource.Outcome.UPDATED;
                findings = fetched.warnings();
            } catch (CatalogueRejected e) {
                outcome = AudioSource.Outcome.INVALID;
                error = e.getMessage();
                findings = e.errors();
            }
        }
        if (error != null) {
            LOG.infof("audio source %s: %s (the last good copy stays)", known.url, error);
        }
        AudioSource.Outcome result = outcome;
        String why = error;
        Long holder = catalogueId;
        List<Finding> found = findings;
        return QuarkusTransaction.requiringNew().call(() -> {
            AudioSource source = AudioSource.findById(sourceId);
            Instant now = Instant.now();
            source.lastCheckedAt = now;
            source.nextCheckAt = now.plus(config.refreshInterval());
            source.lastOutcome = result;
            source.lastError = Catalogues.clip(why, 4000);
            if (result == AudioSource.Outcome.UPDATED || result == AudioSource.Outcome.UNCHANGED) {
                source.etag = fetched.validators.etag();
                source.lastModified = fetched.validators.lastModified();
            }
            if (result == AudioSource.Outcome.UPDATED) {
                source.lastChangedAt = now;
                source.catalogueId = holder;
            }
            return new Refreshed(view(source), result, found);
        });
    }

    /** Sources whose time has come, checked once a minute. */
    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshDue() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> AudioSource.<AudioSource>list("nextCheckAt <= ?1", Instant.now())
                .stream().map(s -> s.id).toList());
        for (Long id : due) {
            try {
                refresh(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "refreshing audio source %d failed", id);
            }
        }
    }

    public List<SourceView> list() {
        return QuarkusTransaction.requiringNew().call(() -> AudioSource.<AudioSource>list("order by id").stream().map(this::view).toList());
    }

    public Optional<SourceView> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> AudioSource.<AudioSource>findByIdOptional(id).map(this::view));
    }

    public void remove(long id, Catalogues.Actor actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            AudioSource source = AudioSource.findById(id);
            if (source == null) {
                throw new CatalogueRejected(404, "There is no source " + id + " on this node.");
            }
            if (!actor.admin() && !actor.username().equals(source.owner)) {
                throw new CatalogueRejected(403, "Only whoever subscribed or an admin may remove this source.");
            }
            source.delete();
        });
    }

    /** One fetch and read of a source, outside any transaction (the network may be slow). */
    private Fetched fetch(String url, AudioSource.Kind kind, RemoteFetch.Validators validators) {
        RemoteFetch.Fetched answer;
        try {
            answer = origins.fetch().get(url, validators, AugyFormat.MAX_BYTES);
        } catch (UrlGuard.Refused e) {
            return Fetched.failed(422, "the node will not fetch " + url + ": " + e.getMessage());
        } catch (RemoteFetch.Failed e) {
            return Fetched.failed(e.status() == 413 ? 413 : 502, e.getMessage());
        } catch (IOException e) {
            return Fetched.failed(502, url + " could not be fetched: " + e.getMessage());
        }
        if (answer.notModified()) {
            return new Fetched(null, null, List.of(), answer.validators(), true, null, 200, false);
        }
        if (kind == AudioSource.Kind.PODCAST) {
            try {
                PodcastFeedReader.Reading reading = PodcastFeedReader.read(answer.body(), url);
                List<Finding> errors = reading.findings().stream().filter(Finding::isError).toList();
                if (!errors.isEmpty()) {
                    return new Fetched(null, null, reading.findings(), answer.validators(), false,
                            "the feed does not make a valid catalogue", 422, true);
                }
                return new Fetched(reading.catalogue(), AugyFormat.JSON, reading.findings(), answer.validators(), false, null, 200, false);
            } catch (FeedException | IOException | IllegalArgumentException e) {
                return new Fetched(null, null, List.of(Finding.error("", null, String.valueOf(e.getMessage()))), answer.validators(),
                        false, "not a readable RSS feed: " + e.getMessage(), 422, true);
            }
        }
        AugyFormat declared = AugyFormat.ofMediaType(answer.contentType()).orElse(null);
        try {
            AugyReader.Reading reading = AugyReader.read(answer.body(), declared);
            if (!reading.valid()) {
                return new Fetched(null, reading.format(), reading.findings(), answer.validators(), false,
                        "the catalogue at " + url + " is invalid", 422, true);
            }
            return new Fetched(reading.catalogue(), reading.format(), reading.findings(), answer.validators(), false, null, 200, false);
        } catch (AugyReader.TooLarge e) {
            return Fetched.failed(413, e.getMessage());
        }
    }

    private record Fetched(Catalogue catalogue, AugyFormat format, List<Finding> findings, RemoteFetch.Validators validators,
            boolean notModified, String failure, int status, boolean invalid) {

        static Fetched failed(int status, String why) {
            return new Fetched(null, null, List.of(), RemoteFetch.Validators.NONE, false, why, status, false);
        }

        List<Finding> errors() {
            return findings.stream().filter(Finding::isError).toList();
        }

        List<Finding> warnings() {
            return findings.stream().filter(f -> !f.isError()).toList();
        }
    }

    private SourceView view(AudioSource s) {
        String collection = s.catalogueId == null ? null
                : AudioCatalogue.<AudioCatalogue>findByIdOptional(s.catalogueId).map(c -> c.slug).orElse(null);
        return new SourceView(s.id, s.url, s.kind.name(), collection, s.owner, s.lastCheckedAt, s.lastChangedAt,
                s.lastOutcome == null ? null : s.lastOutcome.name(), s.lastError, s.nextCheckAt);
    }
}
