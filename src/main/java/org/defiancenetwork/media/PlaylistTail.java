package org.defiancenetwork.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Follows one growing playlist file: each read parses only the lines added since the last one and
 * keeps only the last segments. An EVENT playlist only ever grows at its end (RFC 8216 §4.3.3.5),
 * so after a day of 0.5 s segments a new version still costs a few hundred bytes to read, not
 * megabytes. If the start of the file or the bytes before the point reached differ from what was
 * read, the file was rewritten some other way and is read again from the start.
 */
final class PlaylistTail {

    private static final int HEAD_BYTES = 256;
    private static final int MARK_BYTES = 64;
    private static final int CHUNK = 64 * 1024;

    private final int kept;
    private final Consumer<MediaPlaylist.Segment> listed;
    private MediaPlaylist.Parser parser;
    private long consumed;
    private byte[] head = new byte[0];
    private byte[] mark = new byte[0];

    PlaylistTail(int kept) {
        this(kept, segment -> { });
    }

    /**
     * Also tells {@code listed} of every segment when it is first read; when the file is read again
     * from the start, of all of them again.
     */
    PlaylistTail(int kept, Consumer<MediaPlaylist.Segment> listed) {
        this.kept = kept;
        this.listed = listed;
    }

    /** The playlist as it is now in {@code channel}, with at most the kept number of last segments. */
    synchronized MediaPlaylist read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (parser == null || size < consumed || !Arrays.equals(head, bytes(channel, 0, head.length))
                || !Arrays.equals(mark, bytes(channel, consumed - mark.length, mark.length))) {
            parser = new MediaPlaylist.Parser(kept, listed);
            consumed = 0;
        }
        head = bytes(channel, 0, Math.min(size, HEAD_BYTES));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        long position = consumed;
        while (position < size) {
            chunk.clear();
            int n = channel.read(chunk, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = chunk.get(i);
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                parser.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
                // Only whole segments count as read: the tags of one not yet listed are read again
                // next time, which is harmless because a tag only sets what the next segment gets.
                if (parser.betweenSegments()) {
                    consumed = position + i + 1;
                }
            }
            position += n;
        }
        mark = bytes(channel, Math.max(0, consumed - MARK_BYTES), Math.min(consumed, MARK_BYTES));
        return parser.playlist();
    }

    private static byte[] bytes(FileChannel channel, long from, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) <= 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
