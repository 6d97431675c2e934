package io.cairn.rest.internal;

/** The JSON body of every error answer: a stable code and a message a person can act on. */
public record ApiError(String error, String message) {
}
