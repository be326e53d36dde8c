package org.defiancenetwork.cast.castv2;

import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * One TLS connection to a Cast device (port 8009): frames are a 4-byte big-endian length and a
 * {@link CastMessage}. A frame the node cannot read closes the connection, since nothing after it
 * can be trusted to be aligned. Runs on a Vert.x event loop: no thread of its own.
 */
public final class CastConnection {

    /** What the connection reports; called on its event loop. */
    public interface Listener {
        void received(CastMessage message);

        /**
         * The connection ended; {@code reason} says why, or is null when the node closed it.
         * {@code broken}: the device broke the protocol (nothing it says can be trusted any more).
         */
        void closed(String reason, boolean broken);
    }

    private final NetSocket socket;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile String failure;
    private volatile boolean broken;

    private CastConnection(NetSocket socket) {
        this.socket = socket;
    }

    /** Opens the connection; the client must be set up for TLS (devices carry self-signed certificates). */
    public static Future<CastConnection> open(NetClient client, String host, int port, Listener listener) {
        return client.connect(port, host).map(socket -> {
            CastConnection connection = new CastConnection(socket);
            connection.start(listener);
            return connection;
        });
    }

    private void start(Listener listener) {
        RecordParser parser = RecordParser.newFixed(4);
        boolean[] header = { true };
        parser.handler(chunk -> {
            if (closing.get()) {
                return;
            }
            if (header[0]) {
                long length = chunk.getUnsignedInt(0);
                if (length == 0 || length > CastMessage.MAX_SIZE) {
                    fail("the device sent a frame of " + length + " bytes");
                    return;
                }
                header[0] = false;
                parser.fixedSizeMode((int) length);
                return;
            }
            header[0] = true;
            parser.fixedSizeMode(4);
            CastMessage message;
            try {
                message = CastMessage.decode(chunk.getBytes());
            } catch (CastMessage.Malformed e) {
                fail("the device sent a malformed message (" + e.getMessage() + ")");
                return;
            }
            listener.received(message);
        });
        socket.handler(parser);
        socket.exceptionHandler(e -> {
            if (failure == null) {
                failure = "connection error: " + e.getMessage();
            }
        });
        socket.closeHandler(v -> listener.closed(closing.get() && failure == null ? null
                : failure != null ? failure : "the device closed the connection", broken));
    }

    private void fail(String reason) {
        failure = reason;
        broken = true;
        closing.set(true);
        socket.close();
    }

    public void send(CastMessage message) {
        if (!closing.get()) {
            socket.write(Buffer.buffer(message.frame()));
        }
    }

    /** The node's own address on this connection: the one the device can reach the node at. */
    public String localHost() {
        return socket.localAddress().hostAddress();
    }

    public void close() {
        if (closing.compareAndSet(false, true)) {
            socket.close();
        }
    }
}
