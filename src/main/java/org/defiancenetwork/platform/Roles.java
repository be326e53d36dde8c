package org.defiancenetwork.platform;

/** Role names carried by signed-in identities, checked by every feature the same way. */
public final class Roles {

    public static final String BROADCASTER = "broadcaster";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
