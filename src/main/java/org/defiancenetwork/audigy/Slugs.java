package org.defiancenetwork.audigy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Collection names in URLs ({@code /audio/night-owls}): lower-case letters, digits and dashes. */
final class Slugs {

    /** Words the audio pages use themselves under /audio/. */
    static final Set<String> RESERVED = Set.of("entry", "file", "files", "feed", "admin", "api", "search", "static");

    private Slugs() {
    }

    static String of(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        if (slug.isEmpty() || RESERVED.contains(slug)) {
            slug = "collection" + (slug.isEmpty() ? "" : "-" + slug);
        }
        return slug;
    }

    static boolean valid(String slug) {
        return slug != null && slug.matches("[a-z0-9][a-z0-9-]{0,79}");
    }
}
