package org.defiancenetwork.cast;

/** Where a cast session is, as the device reports it; ENDED and FAILED are final. */
public enum SessionState {
    CONNECTING,
    LOADING,
    BUFFERING,
    PLAYING,
    PAUSED,
    IDLE,
    ENDED,
    FAILED;

    public boolean isOver() {
        return this == ENDED || this == FAILED;
    }
}
