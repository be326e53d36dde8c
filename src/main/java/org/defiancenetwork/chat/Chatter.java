package org.defiancenetwork.chat;

/**
 * Who is writing: an account, or a guest with a nickname (shown as a guest, never as the account).
 * {@code address} is a hash of the network address the chatter connected from, for limits and
 * guest bans that a new nickname does not escape; null when unknown.
 */
public record Chatter(String name, boolean guest, boolean moderator, String address) {

    /** Identifies the chatter in restrictions; guests and accounts never share a key. */
    public String key() {
        return guest ? "guest:" + name : name;
    }
}
