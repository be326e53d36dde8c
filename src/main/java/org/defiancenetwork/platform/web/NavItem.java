package org.defiancenetwork.platform.web;

import java.util.List;

/**
 * An entry of the main navigation. A feature contributes its own by producing a bean of this
 * type; the page shell lists them by {@code order} for those the {@code audience} admits, and marks
 * the entry whose {@code pages} include the current page's key as the current one.
 */
public record NavItem(String key, String label, String href, int order, Audience audience, List<String> pages) {

    public enum Audience { EVERYONE, SIGNED_IN, ADMINS }

    public NavItem(String key, String label, String href, int order, Audience audience) {
        this(key, label, href, order, audience, List.of(key));
    }

    /** The page keys as the shell's script reads them. */
    public String pageKeys() {
        return String.join(" ", pages);
    }
}
