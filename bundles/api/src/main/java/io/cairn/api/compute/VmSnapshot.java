package io.cairn.api.compute;

import io.cairn.api.storage.SnapshotName;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A snapshot of a VM: its disks at one instant (on its pool) and its whole spec at that moment
 * (NICs with their MACs, disks, vCPUs, memory, boot), which a rollback restores and a clone starts from.
 *
 * @param vmId    the VM's id
 * @param vm      the VM's name
 * @param name    the snapshot's name ({@link SnapshotName})
 * @param created when the VM's owner took it
 * @param spec    the VM's spec when it was taken
 */
public record VmSnapshot(UUID vmId, String vm, String name, Instant created, VmSpec spec) {
    public VmSnapshot {
        Objects.requireNonNull(vmId, "vmId must not be null");
        Objects.requireNonNull(vm, "vm must not be null");
        SnapshotName.require(name);
        Objects.requireNonNull(created, "created must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
    }
}
