package io.cairn.core.internal.compute;

import java.util.Objects;
import java.util.UUID;

/**
 * A change in the VM snapshot keyspace, as {@link VmSnapshotStore} reports it.
 *
 * @param kind what changed
 * @param vmId the VM it is about (for an origin: the clone)
 */
record VmSnapshotEvent(Kind kind, UUID vmId) {
    enum Kind {
        /** A snapshot record was written or deleted. */
        SNAPSHOT_CHANGED,
        /** A request to the owner of the VM's pool was written, taken or cleared. */
        REQUEST_CHANGED,
        /** A clone's origin was recorded or dropped. */
        ORIGIN_CHANGED
    }

    VmSnapshotEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(vmId, "vmId must not be null");
    }
}
