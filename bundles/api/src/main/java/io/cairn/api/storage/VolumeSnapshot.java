package io.cairn.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of all the volumes of one VM, as the backend reports it.
 *
 * @param name      the snapshot's name ({@link SnapshotName})
 * @param created   when the backend took it (second precision on ZFS)
 * @param usedBytes bytes held only by this snapshot, summed over the VM's volumes (grows as the
 *                  volumes are written after it)
 */
public record VolumeSnapshot(String name, Instant created, long usedBytes) {
    public VolumeSnapshot {
        SnapshotName.require(name);
        Objects.requireNonNull(created, "created must not be null");
        if (usedBytes < 0) {
            throw new IllegalArgumentException("usedBytes must not be negative, was " + usedBytes);
        }
    }
}
