package io.cairn.core.internal.storage;

import io.cairn.api.storage.PoolOwnership;

/** The stored form of a pool's ownership; its epoch is the store version that wrote it. */
record OwnerRecord(String pool, String node) {
    PoolOwnership withEpoch(long epoch) {
        return new PoolOwnership(pool, node, epoch);
    }
}
