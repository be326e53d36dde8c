package org.defiancenetwork.cast.castv2;

/** The Cast v2 namespaces the node speaks, and the platform endpoints' fixed ids. */
public final class Namespaces {

    public static final String CONNECTION = "urn:x-cast:com.google.cast.tp.connection";
    public static final String HEARTBEAT = "urn:x-cast:com.google.cast.tp.heartbeat";
    public static final String RECEIVER = "urn:x-cast:com.google.cast.receiver";
    public static final String MEDIA = "urn:x-cast:com.google.cast.media";

    /** The sender platform (us) and the receiver platform (the device), as Cast names them. */
    public static final String SENDER = "sender-0";
    public static final String PLATFORM = "receiver-0";

    /** Google's Default Media Receiver: plays HLS, MP4 and audio URLs with no app of our own. */
    public static final String DEFAULT_MEDIA_RECEIVER = "CC1AD845";

    private Namespaces() {
    }
}
