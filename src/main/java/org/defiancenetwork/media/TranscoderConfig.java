package org.defiancenetwork.media;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How broadcasts are transcoded: the HLS ladder, segment length and encoder settings. */
@ConfigMapping(prefix = "defiance.transcoder")
public interface TranscoderConfig {

    /** Renditions of the HLS ladder, best first; the first one is also the recording. */
    @NotEmpty
    @Size(max = 6)
    List<Rendition> renditions();

    /** Target length of an HLS segment; keyframes are forced at every boundary. */
    @WithDefault("2")
    @Min(1)
    @Max(10)
    int segmentSeconds();

    /**
     * Segments a live playlist shows viewers (never less than three target durations, RFC 8216
     * §6.2.2). FFmpeg's own playlist keeps every segment for the recording; this bounds what every
     * viewer re-fetches each segment, and how far back a live viewer can seek.
     */
    @WithDefault("10")
    @Min(3)
    @Max(10000)
    int liveWindowSegments();

    /** Constant frame rate fed to FFmpeg; the ingest repeats or drops frames to hold it. */
    @WithDefault("30")
    @Min(5)
    @Max(60)
    int frameRate();

    /** libx264 preset: faster presets trade quality for CPU. */
    @WithDefault("veryfast")
    @Pattern(regexp = "ultrafast|superfast|veryfast|faster|fast|medium")
    String x264Preset();

    @WithDefault("128")
    @Min(32)
    @Max(320)
    int audioKbps();

    /** One rung of the ladder. */
    interface Rendition {
        /** Name in URLs and playlists, e.g. "source" or "360p". */
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,15}")
        String name();

        /** The picture is scaled down to at most this height, never up. */
        @Min(144)
        @Max(2160)
        int maxHeight();

        /** Video bitrate at full height; lower when the source is smaller. */
        @Min(100)
        @Max(20000)
        int videoKbps();
    }
}
