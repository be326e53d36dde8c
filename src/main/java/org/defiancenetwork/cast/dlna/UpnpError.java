package org.defiancenetwork.cast.dlna;

/** A renderer refused an action (SOAP fault with a UPnPError), or could not be reached for it. */
public final class UpnpError extends Exception {

    private final int code;

    public UpnpError(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The UPnP error code (e.g. 701 transition not available), or 0 when there was no UPnP answer. */
    public int code() {
        return code;
    }
}
