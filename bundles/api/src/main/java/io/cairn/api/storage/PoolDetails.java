package io.cairn.api.storage;

import java.util.Objects;

/** A pool with its owner and its last observed status (null before the owner reported). */
public record PoolDetails(Pool pool, PoolOwnership owner, PoolStatus status) {
    public PoolDetails {
        Objects.requireNonNull(pool, "pool must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
    }
}
