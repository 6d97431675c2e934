package io.cairn.core.internal.storage;

import java.util.Objects;

/** A change in the storage keyspace: what changed, and of which pool (or node, for DISKS). */
record PoolStoreEvent(Kind kind, String name) {
    enum Kind { SPEC_CHANGED, REMOVED, OWNER_CHANGED, BUILT, DISKS_CHANGED, REQUEST_CHANGED }

    PoolStoreEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(name, "name must not be null");
    }
}
