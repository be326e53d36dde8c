package org.defiancenetwork.platform.net;

import io.quarkus.websockets.next.CloseReason;

/**
 * Close codes for socket endpoints (RFC 6455 §7.4.1). Vert.x reports a message beyond
 * quarkus.websockets-next.server.max-message-size as an IllegalStateException, which
 * websockets-next would answer with 1011 (server error); an endpoint's {@code @OnError} for
 * IllegalStateException uses {@link #forError} to answer 1009 instead.
 */
public final class WebSocketCloses {

    /** The endpoint received a message too big for it to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The message or connection violates the endpoint's policy (e.g. too many connections). */
    public static final int POLICY_VIOLATION = 1008;

    private WebSocketCloses() {
    }

    public static boolean isMessageTooBig(Throwable error) {
        String message = error.getMessage();
        return error instanceof IllegalStateException && message != null && message.contains("max message size");
    }

    /** 1009 for a message beyond the transport's limit; 1011 for anything else, as websockets-next would. */
    public static CloseReason forError(Throwable error) {
        return isMessageTooBig(error) ? new CloseReason(MESSAGE_TOO_BIG, "Message too big.") : CloseReason.INTERNAL_SERVER_ERROR;
    }
}
