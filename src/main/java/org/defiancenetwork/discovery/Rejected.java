package org.defiancenetwork.discovery;

/**
 * A document from another node that this node will not use, with why: {@link #reason} is a short
 * stable word for counters ({@code bad-signature}, {@code wrong-key}, ...), the message says
 * precisely what was wrong.
 */
public class Rejected extends Exception {

    public static final String MALFORMED = "malformed";
    public static final String BAD_SIGNATURE = "bad-signature";
    public static final String WRONG_KEY = "wrong-key";
    public static final String STALE = "stale";
    public static final String BLOCKED = "blocked";

    private final String reason;

    public Rejected(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** Whether the sender signed something that does not verify: counts towards blocking it. */
    public boolean badSignature() {
        return reason.equals(BAD_SIGNATURE) || reason.equals(WRONG_KEY);
    }
}
