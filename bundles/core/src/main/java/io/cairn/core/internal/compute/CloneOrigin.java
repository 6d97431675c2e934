package io.cairn.core.internal.compute;

import io.cairn.api.storage.SnapshotName;

import java.util.Objects;
import java.util.UUID;

/**
 * What a clone's disks depend on: the snapshot of the source VM they were cloned from. The
 * snapshot (and the source's disks) cannot be destroyed while the clone exists.
 *
 * @param cloneName the clone's name
 * @param sourceId the source VM's id
 * @param source   the source VM's name
 * @param snapshot the snapshot of the source the clone's disks were made from
 */
record CloneOrigin(String cloneName, UUID sourceId, String source, String snapshot) {
    CloneOrigin {
        Objects.requireNonNull(cloneName, "cloneName must not be null");
        Objects.requireNonNull(sourceId, "sourceId must not be null");
        Objects.requireNonNull(source, "source must not be null");
        SnapshotName.require(snapshot);
    }
}
