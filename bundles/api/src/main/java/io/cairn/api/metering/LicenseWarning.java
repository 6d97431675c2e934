package io.cairn.api.metering;

import java.time.Instant;
import java.util.Objects;

/** An event: allocation went above the perpetual licence's contract (but not above its hard limit). */
public record LicenseWarning(Instant at, String message) {
    public LicenseWarning {
        Objects.requireNonNull(at, "at");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a warning needs a message");
        }
    }
}
