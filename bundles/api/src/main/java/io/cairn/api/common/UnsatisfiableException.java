package io.cairn.api.common;

/** The request is well-formed but cannot be met, e.g. no node can host the VM (REST 422). */
public class UnsatisfiableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsatisfiableException(String message) {
        super(message);
    }
}
