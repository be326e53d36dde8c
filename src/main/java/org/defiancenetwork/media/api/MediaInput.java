package org.defiancenetwork.media.api;

/**
 * Where ingest hands a transcoder its pictures and sound. Offers never block: a full queue drops
 * (and counts) rather than stall WebRTC's threads.
 */
public interface MediaInput {

    /** False when the frame was dropped; the frame is the caller's to release either way. */
    boolean offerVideo(RawFrame frame);

    /** 48 kHz PCM as {@link PcmConverter} delivers it; false when dropped. */
    boolean offerAudio(byte[] pcm);

    /** The picture size the transcoder reads; frames of another size are scaled to it. */
    int width();

    int height();

    long framesDropped();
}
