package org.defiancenetwork.chat;

/** Who is writing: an account, or a guest with a nickname (shown as a guest, never as the account). */
public record Chatter(String name, boolean guest, boolean moderator) {

    /** Identifies the chatter in restrictions; guests and accounts never share a key. */
    public String key() {
        return guest ? "guest:" + name : name;
    }
}
