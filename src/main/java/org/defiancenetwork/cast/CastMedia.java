package org.defiancenetwork.cast;

/**
 * What a device is told to play. {@code url} is a path on this node (made reachable for the device
 * when the session starts) or an absolute URL; {@code live} means an HLS stream with no end.
 */
public record CastMedia(String kind, String id, String title, String subtitle, String url, String contentType,
        boolean live, String imageUrl, Double durationSeconds) {

    public static final String BROADCAST = "broadcast";
    public static final String RECORDING = "recording";
    public static final String AUDIO = "audioEntry";

    public boolean video() {
        return contentType.startsWith("video/") || contentType.contains("mpegurl");
    }

    public CastMedia at(String absoluteUrl, String absoluteImageUrl) {
        return new CastMedia(kind, id, title, subtitle, absoluteUrl, contentType, live, absoluteImageUrl, durationSeconds);
    }
}
