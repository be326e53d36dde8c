package org.defiancenetwork.discovery;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A node asks another to push it announcements ({@code follow: true}) or to stop. Signed by the
 * follower and addressed to one target id, recent, so it can neither be forged nor replayed to
 * another node or much later.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FollowRequest(String type, String followerId, String followerKey, String followerUrl, String targetId,
        boolean follow, String time, String signature) {

    public static final String TYPE = "defiance-follow";

    static FollowRequest verified(ObjectMapper json, JsonNode document, String selfId, Instant now, Duration skew)
            throws Rejected {
        SignedJson.verify(document, TYPE, "follower_id", "follower_key");
        if (!document.path("follow").isBoolean()) {
            throw new Rejected(Rejected.MALFORMED, "follow must be true or false");
        }
        FollowRequest r;
        try {
            r = json.convertValue(document, FollowRequest.class);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejected.MALFORMED, "the request does not have the expected fields: " + e.getMessage());
        }
        if (!selfId.equals(r.targetId())) {
            throw new Rejected(Rejected.MALFORMED, "the request is addressed to " + r.targetId() + ", not to this node (" + selfId + ")");
        }
        if (r.followerUrl() == null || r.followerUrl().length() > 300) {
            throw new Rejected(Rejected.MALFORMED, "follower_url is missing or too long");
        }
        try {
            Instant at = Instant.parse(r.time());
            if (at.isBefore(now.minus(skew)) || at.isAfter(now.plus(skew))) {
                throw new Rejected(Rejected.STALE, "the request was made at " + at + ", more than " + skew.toSeconds()
                        + " s from this node's clock");
            }
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Rejected(Rejected.MALFORMED, "time '" + r.time() + "' is not an RFC 3339 UTC time");
        }
        return r;
    }
}
