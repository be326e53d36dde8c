package org.defiancenetwork.audigy;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A collection as pages and the API show it. */
@RegisterForReflection
public record CollectionView(
        String slug,
        String title,
        String creator,
        String description,
        String origin,
        String owner,
        String channelSlug,
        long entries,
        String signature,
        String signedBy,
        boolean signedByThisNode,
        String signatureNote,
        String format,
        int warnings,
        Instant importedAt,
        Instant updatedAt) {

    public String url() {
        return "/audio/" + slug;
    }

    public String feedUrl() {
        return "/audio/" + slug + "/feed.xml";
    }

    /** What a page says about the signature: signed-by / unsigned / signature-invalid. */
    public String signatureText() {
        return switch (signature) {
            case "SIGNED" -> "signed by " + signedBy + (signedByThisNode ? " (this node)" : "");
            case "INVALID" -> "signature invalid";
            default -> "unsigned";
        };
    }
}
