package io.cairn.api.security;

/** A join token that is missing, unknown, wrong, expired, already used or made for another CA (REST 401). */
public class JoinTokenRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JoinTokenRejectedException(String message) {
        super(message);
    }
}
