package org.defiancenetwork.audigy;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One entry of a catalogue, keyed by its own UUID so that importing the catalogue again updates
 * it in place. The columns are what listing, ordering and search need; the entry itself, unknown
 * members included, is the JSON document.
 */
@Entity
@Table(name = "audio_entry")
public class AudioEntry extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "catalogue_id", nullable = false)
    public Long catalogueId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 300)
    public String author;

    @Column(length = 300)
    public String series;

    @Column(name = "season_number")
    public Integer seasonNumber;

    @Column(name = "episode_number")
    public Integer episodeNumber;

    @Column(length = 100)
    public String genre;

    @Column(name = "audio_type", length = 40)
    public String audioType;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "search_text", nullable = false, length = 20000)
    public String searchText;

    @Column(nullable = false, length = Catalogues.MAX_DOCUMENT_CHARS)
    public String document;

    static List<AudioEntry> ofCatalogue(long catalogueId) {
        return list("catalogueId = ?1 order by position", catalogueId);
    }
}
