package org.defiancenetwork.audigy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.audigy.api.Episodes;
import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Genre;
import org.defiancenetwork.audigy.augy.Signatures;
import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.platform.Hashing;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.NodeKeys;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Files recordings as episodes of their channel's own collection. The node is the origin of these
 * episodes: their audio is a pinned copy in the audio store, their uri_point is the node's own
 * {@code /audio/file/{id}} (absolute in exports and feeds), and the collection is signed by this node.
 */
@ApplicationScoped
class ChannelEpisodes implements Episodes {

    private final Channels channels;
    private final Catalogues catalogues;
    private final AudioCopies copies;
    private final NodeKeys keys;
    private final NodeIdentity node;

    ChannelEpisodes(Channels channels, Catalogues catalogues, AudioCopies copies, NodeKeys keys, NodeIdentity node) {
        this.channels = channels;
        this.catalogues = catalogues;
        this.copies = copies;
        this.keys = keys;
        this.node = node;
    }

    @Override
    public FiledEpisode fileRecording(Recording r) {
        ChannelView channel = channels.bySlug(r.channelSlug())
                .orElseThrow(() -> new IllegalArgumentException("no channel " + r.channelSlug()));
        checkFile(r);
        String entryId = UUID.nameUUIDFromBytes(("defiance:broadcast:" + r.broadcastId()).getBytes(StandardCharsets.UTF_8)).toString();
        String fileUrl = Playbacks.fileUrl(entryId);
        Catalogue.Checksum checksum = new Catalogue.Checksum("sha256", r.sha256().toLowerCase(), r.sizeBytes(), null);

        Catalogue.Entry entry = QuarkusTransaction.requiringNew().call(() -> {
            AudioCatalogue row = AudioCatalogue.ofChannel(channel.slug()).orElseGet(() -> create(channel));
            Catalogue stored = catalogues.stored(row);
            List<Catalogue.Entry> entries = new ArrayList<>(stored.entriesOrEmpty());
            int existing = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).id().equals(entryId)) {
                    existing = i;
                }
            }
            int episodeNumber = existing >= 0 && entries.get(existing).metadata().episodeNumber() != null
                    ? entries.get(existing).metadata().episodeNumber()
                    : entries.stream().map(e -> e.metadata().episodeNumber()).filter(n -> n != null).max(Integer::compare).orElse(0) + 1;
            Catalogue.EntryMetadata metadata = new Catalogue.EntryMetadata(r.title(), null, channel.title(), null,
                    BigDecimal.valueOf(r.durationMs()).movePointLeft(3).stripTrailingZeros(), r.sizeBytes(),
                    new Genre("Podcast", null), "Episode", null, rfc3339(r.recordedAt()), episodeNumber, null,
                    channel.title(), List.of(), null, false, null, List.of(), Map.of("broadcast_id", r.broadcastId()));
            String uri = node.publicBaseUrl().map(base -> base + fileUrl).orElse(fileUrl);
            Catalogue.Entry filed = new Catalogue.Entry(entryId, metadata, List.of(uri), null, List.of(checksum), null, null);
            if (existing >= 0) {
                entries.set(existing, filed);
            } else {
                entries.add(filed);
            }
            Catalogue.Metadata head = stored.metadata();
            Catalogue.Metadata updated = new Catalogue.Metadata(head.title(), head.description(), head.creator(), head.createdAt(),
                    rfc3339(Instant.now()), head.language(), head.tags(), head.website(), head.contact(), head.extra());
            catalogues.store(new Catalogue(Catalogue.VERSION, updated, entries, null, stored.extra()), AugyFormat.JSON,
                    List.of(), row, AudioCatalogue.Origin.CHANNEL, channel.owner());
            markOwnSignature(row);
            return filed;
        });
        try {
            copies.keepOwn(entryId, r.file(), AudioCopies.fingerprint(entry), r.sizeBytes(), r.sha256().toLowerCase(),
                    AudioTypes.sniff(r.file()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the recording " + r.file(), e);
        }
        String slug = QuarkusTransaction.requiringNew().call(() -> AudioCatalogue.ofChannel(channel.slug()).orElseThrow().slug);
        return new FiledEpisode(entryId, slug, "/audio/entry/" + entryId, fileUrl, "/audio/" + slug + "/feed.xml");
    }

    private static void checkFile(Recording r) {
        try {
            long size = Files.size(r.file());
            if (size != r.sizeBytes()) {
                throw new IllegalArgumentException("the recording " + r.file() + " is " + size + " bytes, not " + r.sizeBytes());
            }
            String actual = Hashing.sha256Hex(r.file());
            if (!actual.equalsIgnoreCase(r.sha256())) {
                throw new IllegalArgumentException("the SHA-256 of " + r.file() + " is " + actual + ", not " + r.sha256());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the recording " + r.file() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private AudioCatalogue create(ChannelView channel) {
        AudioCatalogue row = new AudioCatalogue();
        String slug = Slugs.valid(channel.slug()) && !Slugs.RESERVED.contains(channel.slug()) ? channel.slug() : Slugs.of(channel.slug());
        for (int n = 2; AudioCatalogue.count("slug", slug) > 0; n++) {
            slug = Slugs.of(channel.slug()) + "-" + n;
        }
        Instant now = Instant.now();
        Catalogue.Metadata metadata = new Catalogue.Metadata(channel.title(),
                channel.description() == null || channel.description().isBlank() ? "Recordings of " + channel.title() : channel.description(),
                channel.owner(), rfc3339(now), rfc3339(now), null, List.of(), null, null, null);
        row.slug = slug;
        row.title = Catalogues.clip(channel.title(), 300);
        row.creator = channel.owner();
        row.description = metadata.description();
        row.origin = AudioCatalogue.Origin.CHANNEL;
        row.owner = channel.owner();
        row.channelSlug = channel.slug();
        row.signatureState = Signatures.State.SIGNED;
        row.signedBy = keys.nodeId();
        row.sourceFormat = AugyFormat.JSON;
        row.document = Catalogues.json(new Catalogue(Catalogue.VERSION, metadata, null, null, null));
        row.importedAt = now;
        row.updatedAt = now;
        row.persist();
        return row;
    }

    /** The node is the author of its channels' collections; what it publishes of them it signs itself. */
    private void markOwnSignature(AudioCatalogue row) {
        row.signatureState = Signatures.State.SIGNED;
        row.signedBy = keys.nodeId();
        row.signatureNote = null;
    }

    private static String rfc3339(Instant at) {
        return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
