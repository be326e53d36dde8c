package org.defiancenetwork.discovery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A node's signed word that one of its broadcasts is live (or has ended), valid until
 * {@code expires_at}. Signed by the origin, so it can travel through other nodes unchanged and
 * still be checked against the origin's key: {@code origin_id} must be the id of {@code origin_key}.
 * Links ({@code watch_url}, {@code hls_url}) must lead to the origin's own {@code origin_url}, so a
 * node cannot send viewers elsewhere in its name.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Announcement(String type, String originId, String originKey, String originName, String originUrl,
        String broadcastId, String state, String title, String description, String kind, String channel,
        String channelTitle, String watchUrl, String hlsUrl, String startedAt, Integer viewers, String issuedAt,
        String expiresAt, String signature) {

    public static final String TYPE = "defiance-announcement";
    public static final String LIVE = "live";
    public static final String ENDED = "ended";
    /** The longest an origin may make one announcement last; it renews live ones well before. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    @JsonIgnore
    public boolean live() {
        return LIVE.equals(state);
    }

    @JsonIgnore
    public Instant issued() {
        return Instant.parse(issuedAt);
    }

    @JsonIgnore
    public Instant expires() {
        return Instant.parse(expiresAt);
    }

    /** The key under which receivers keep one announcement per broadcast: the latest issued. */
    @JsonIgnore
    public String key() {
        return originId + "/" + broadcastId;
    }

    /**
     * Checks a received announcement, signature first: nothing of it is used before the origin's key
     * has verified it. Expired ones are refused as {@link Rejected#STALE} (not the sender's fault).
     */
    static Announcement verified(ObjectMapper json, JsonNode document, Instant now, Duration skew) throws Rejected {
        SignedJson.verify(document, TYPE, "origin_id", "origin_key");
        Announcement a;
        try {
            a = json.treeToValue(document, Announcement.class);
        } catch (Exception e) {
            throw new Rejected(Rejected.MALFORMED, "the announcement does not have the expected fields: " + e.getMessage());
        }
        require(a.broadcastId, "broadcast_id", 64);
        require(a.title, "title", 140);
        require(a.originName, "origin_name", 100);
        require(a.originUrl, "origin_url", 300);
        require(a.watchUrl, "watch_url", 500);
        if (a.description != null && a.description.length() > 1000) {
            throw new Rejected(Rejected.MALFORMED, "description is longer than 1000 characters");
        }
        if (a.channel != null && a.channel.length() > 100 || a.channelTitle != null && a.channelTitle.length() > 140) {
            throw new Rejected(Rejected.MALFORMED, "channel or channel_title is too long");
        }
        if (!LIVE.equals(a.state) && !ENDED.equals(a.state)) {
            throw new Rejected(Rejected.MALFORMED, "state is '" + a.state + "', expected live or ended");
        }
        if (a.kind != null && !a.kind.equals("video") && !a.kind.equals("audio")) {
            throw new Rejected(Rejected.MALFORMED, "kind is '" + a.kind + "', expected video or audio");
        }
        if (a.viewers != null && a.viewers < 0) {
            throw new Rejected(Rejected.MALFORMED, "viewers is negative");
        }
        URI origin = httpUrl(a.originUrl, "origin_url");
        sameOrigin(origin, a.watchUrl, "watch_url");
        if (a.hlsUrl != null) {
            sameOrigin(origin, a.hlsUrl, "hls_url");
        }
        Instant issued = time(a.issuedAt, "issued_at");
        Instant expires = time(a.expiresAt, "expires_at");
        if (a.startedAt != null) {
            time(a.startedAt, "started_at");
        }
        if (issued.isAfter(now.plus(skew))) {
            throw new Rejected(Rejected.STALE, "issued_at " + issued + " lies in the future of this node's clock (" + now + ")");
        }
        if (!expires.isAfter(issued) || Duration.between(issued, expires).compareTo(MAX_LIFETIME) > 0) {
            throw new Rejected(Rejected.MALFORMED, "expires_at must be after issued_at and at most " + MAX_LIFETIME.toMinutes() + " minutes later");
        }
        if (!expires.isAfter(now)) {
            throw new Rejected(Rejected.STALE, "the announcement expired at " + expires);
        }
        return a;
    }

    private static void require(String value, String field, int max) throws Rejected {
        if (value == null || value.isBlank()) {
            throw new Rejected(Rejected.MALFORMED, field + " is missing");
        }
        if (value.length() > max) {
            throw new Rejected(Rejected.MALFORMED, field + " is longer than " + max + " characters");
        }
    }

    private static Instant time(String value, String field) throws Rejected {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Rejected(Rejected.MALFORMED, field + " '" + value + "' is not an RFC 3339 UTC time");
        }
    }

    private static URI httpUrl(String value, String field) throws Rejected {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new Rejected(Rejected.MALFORMED, field + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new Rejected(Rejected.MALFORMED, field + " is not a URL: " + e.getReason());
        }
    }

    private static void sameOrigin(URI origin, String value, String field) throws Rejected {
        URI uri = httpUrl(value, field);
        if (!uri.getScheme().equals(origin.getScheme()) || !uri.getHost().equalsIgnoreCase(origin.getHost())
                || uri.getPort() != origin.getPort()) {
            throw new Rejected(Rejected.MALFORMED, field + " " + value + " does not lead to the origin " + origin);
        }
    }
}
