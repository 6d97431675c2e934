package io.cairn.api.common;

/** The request conflicts with the resource's current state, e.g. a duplicate name (REST 409). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
