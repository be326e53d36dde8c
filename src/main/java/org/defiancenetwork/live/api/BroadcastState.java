package org.defiancenetwork.live.api;

/** Life of a broadcast: STARTING until media flows, LIVE while it does, then ENDED or FAILED. */
public enum BroadcastState {
    STARTING,
    LIVE,
    ENDED,
    FAILED;

    public boolean isOver() {
        return this == ENDED || this == FAILED;
    }
}
