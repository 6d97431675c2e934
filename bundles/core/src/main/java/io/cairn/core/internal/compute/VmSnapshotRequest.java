package io.cairn.core.internal.compute;

import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.SnapshotName;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An operator's request to the owner of a VM's pool about the VM's disks, kept under
 * {@code vmsnap/request/<vm id>} so that only a committed request makes a node act. The owner takes
 * it (under its lease, at the pool's epoch) before acting and removes it in the commit that records
 * the outcome, as pool requests are ({@code PoolRequestRecord}).
 *
 * @param id        the request id, also the id of the task that reports it
 * @param kind      {@link #SNAPSHOT}, {@link #ROLLBACK}, {@link #CLONE}, {@link #DELETE_SNAPSHOT} or
 *                  {@link #DESTROY_DISKS}
 * @param vmId      the VM's id
 * @param vm        the VM's name
 * @param pool      the pool of its disks
 * @param snapshot  the snapshot acted on (none for {@link #DESTROY_DISKS})
 * @param cloneId   for a clone: the new VM's id
 * @param cloneName for a clone: the new VM's name
 * @param takeFirst for a clone: take {@code snapshot} first (none was named)
 * @param takenBy   the node carrying it out, or null while queued
 */
record VmSnapshotRequest(String id, String kind, UUID vmId, String vm, String pool, String snapshot, UUID cloneId,
                         String cloneName, boolean takeFirst, String takenBy) {
    static final String SNAPSHOT = "snapshot";
    static final String ROLLBACK = "rollback";
    static final String CLONE = "clone";
    static final String DELETE_SNAPSHOT = "delete-snapshot";
    static final String DESTROY_DISKS = "destroy-disks";

    VmSnapshotRequest {
        Objects.requireNonNull(id, "id must not be null");
        if (!Set.of(SNAPSHOT, ROLLBACK, CLONE, DELETE_SNAPSHOT, DESTROY_DISKS).contains(kind)) {
            throw new IllegalArgumentException("VM snapshot request kind must be snapshot, rollback, clone, "
                    + "delete-snapshot or destroy-disks, was " + kind);
        }
        Objects.requireNonNull(vmId, "vmId must not be null");
        Objects.requireNonNull(vm, "vm must not be null");
        PoolName.require(pool);
        if (!kind.equals(DESTROY_DISKS)) {
            SnapshotName.require(snapshot);
        }
        if (kind.equals(CLONE) && (cloneId == null || cloneName == null)) {
            throw new IllegalArgumentException("a clone request needs the new VM's id and name");
        }
    }

    static VmSnapshotRequest of(String kind, UUID vmId, String vm, String pool, String snapshot) {
        return new VmSnapshotRequest(java.util.UUID.randomUUID().toString(), kind, vmId, vm, pool, snapshot, null, null,
                false, null);
    }

    /** The request to destroy the disks of a VM that was deleted. */
    static VmSnapshotRequest destroyDisks(UUID vmId, String vm, String pool) {
        return of(DESTROY_DISKS, vmId, vm, pool, null);
    }

    VmSnapshotRequest takenBy(String node) {
        return new VmSnapshotRequest(id, kind, vmId, vm, pool, snapshot, cloneId, cloneName, takeFirst, node);
    }

    /** The kind of the task that reports it (not under "vm.": the VM reconciler takes those). */
    String taskKind() {
        return kind.equals(DESTROY_DISKS) ? "disks.destroy" : "snapshot." + kind;
    }
}
