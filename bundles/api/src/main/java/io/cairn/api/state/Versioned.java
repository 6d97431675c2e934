package io.cairn.api.state;

import java.util.Objects;

/**
 * A value with the version it was written at. Versions are Raft log indexes, so they only grow
 * and serve as fencing epochs.
 */
public record Versioned(String key, String value, long version) {
    public Versioned {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, was " + version);
        }
    }
}
