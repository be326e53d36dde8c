package org.defiancenetwork.audigy;

import java.time.Instant;
import java.util.List;

import org.defiancenetwork.audigy.augy.Availability;
import org.defiancenetwork.audigy.augy.Catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entry as pages and the API show it. */
@RegisterForReflection
public record EntryView(
        String id,
        String collection,
        String collectionTitle,
        int position,
        String title,
        String description,
        String author,
        String publisher,
        String series,
        Integer seasonNumber,
        Integer episodeNumber,
        String genre,
        String audioType,
        Long durationMs,
        Long sizeBytes,
        Instant publishedAt,
        List<String> keywords,
        String rating,
        boolean hasTranscript,
        String thumbnail,
        String language,
        List<String> relatedContent,
        List<String> uriPoints,
        List<String> backupUris,
        List<Catalogue.Checksum> checksums,
        Availability availability) {

    public String url() {
        return "/audio/entry/" + id;
    }

    /** Length as h:mm:ss or m:ss; empty when unknown. */
    public String durationText() {
        if (durationMs == null) {
            return "";
        }
        long s = durationMs / 1000;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    /** "S1 · E3", "E3" or empty. */
    public String episodeText() {
        String text = (seasonNumber != null ? "S" + seasonNumber : "") + (episodeNumber != null ? (seasonNumber != null ? " · " : "") + "E" + episodeNumber : "");
        return text;
    }
}
