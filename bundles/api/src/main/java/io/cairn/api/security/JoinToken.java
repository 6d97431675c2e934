package io.cairn.api.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A join token as it is handed to an operator, shown once.
 *
 * @param token      {@code <id>.<secret>.<CA SHA-256 fingerprint, hex>}
 * @param expires    when it stops being accepted
 * @param reissueFor the member it may re-issue a certificate for with a new key, or null
 */
public record JoinToken(String token, Instant expires, String reissueFor) {
    public JoinToken {
        Objects.requireNonNull(token, "token must not be null");
        Objects.requireNonNull(expires, "expires must not be null");
    }
}
