package io.cairn.api.common;

/** The cluster cannot serve the request now, e.g. no quorum (REST 503); retrying later may work. */
public class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
