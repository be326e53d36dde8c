package org.defiancenetwork.audigy.api;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What other features may do with audio collections: file a finished audio-only broadcast's
 * recording as an episode of its channel's own collection (the collection is made on first use;
 * its URL is {@code /audio/<channel slug>}, its podcast feed {@code /audio/<channel slug>/feed.xml}).
 *
 * <p>Call it once the recording file is complete and closed, from an ordinary thread (never from a
 * WebRTC callback): it reads the whole file to check its SHA-256 and copies it into the audio
 * store. Filing the same broadcast again updates its episode instead of adding another.
 */
public interface Episodes {

    /**
     * A finished recording.
     *
     * @param channelSlug the channel that broadcast it
     * @param broadcastId the broadcast's id (the episode's id is derived from it)
     * @param title       the episode's title (the broadcast's title)
     * @param file        the complete audio file (e.g. AAC in MP4, .m4a); copied, the caller may delete it afterwards
     * @param durationMs  its length
     * @param sizeBytes   its size in bytes, checked against the file
     * @param sha256      its SHA-256, lower-case hex, checked against the file
     * @param recordedAt  when the broadcast started
     */
    record Recording(String channelSlug, String broadcastId, String title, Path file, long durationMs, long sizeBytes,
            String sha256, Instant recordedAt) {
    }

    /** Where the episode is now: its entry id and the node-relative URLs of its page, audio and feed. */
    record FiledEpisode(String entryId, String collection, String pageUrl, String fileUrl, String feedUrl) {
    }

    /**
     * Files the recording; throws {@link IllegalArgumentException} when the channel is unknown or
     * the file does not match the size or SHA-256 given (nothing is filed then).
     */
    FiledEpisode fileRecording(Recording recording);
}
