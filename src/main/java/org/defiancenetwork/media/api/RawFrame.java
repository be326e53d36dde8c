package org.defiancenetwork.media.api;

/** One decoded picture as FFmpeg's rawvideo yuv420p expects it: Y, then U, then V, no padding. */
public record RawFrame(int width, int height, byte[] i420) {

    public RawFrame {
        if (i420.length != size(width, height)) {
            throw new IllegalArgumentException("I420 " + width + "x" + height + " needs " + size(width, height)
                    + " bytes, got " + i420.length);
        }
    }

    public static int size(int width, int height) {
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        return width * height + 2 * chromaWidth * chromaHeight;
    }

    /** A black picture, sent until the first real frame arrives. */
    public static RawFrame black(int width, int height) {
        byte[] data = new byte[size(width, height)];
        java.util.Arrays.fill(data, width * height, data.length, (byte) 128);
        return new RawFrame(width, height, data);
    }
}
