package io.cairn.api.compute;

import io.cairn.api.task.Task;

import java.util.List;
import java.util.Optional;

/**
 * Snapshots of VMs with disks: each covers all of a VM's disks atomically and records its spec.
 * Changes are carried out by the owner of the VM's pool and return its task; they are refused at
 * once (nothing recorded) when they cannot succeed.
 *
 * @throws io.cairn.api.common.NotFoundException    for an unknown VM or snapshot
 * @throws io.cairn.api.common.ConflictException    for a name in use, a VM in the wrong state, a
 *                                                  snapshot that clones depend on, or another
 *                                                  snapshot operation of the VM still pending
 * @throws IllegalArgumentException                 for a bad snapshot or VM name, or a VM without disks
 * @throws io.cairn.api.common.UnavailableException when the cluster cannot accept writes
 */
public interface VmSnapshotService {
    /** Snapshots the VM's disks and records its spec (the VM may be running or stopped). */
    Task take(String vm, String name);

    /** The VM's snapshots, oldest first. */
    List<VmSnapshot> snapshots(String vm);

    Optional<VmSnapshot> find(String vm, String name);

    /** Destroys the snapshot on the pool and drops its record; refused while a clone depends on it. */
    Task deleteSnapshot(String vm, String name);

    /**
     * Restores the disks and the spec (id and name kept) of a stopped VM to the snapshot; later
     * snapshots of the VM are destroyed with their records.
     */
    Task rollback(String vm, String name);

    /**
     * A new, stopped VM {@code newName} with a new id, new MACs and disks that are clones of
     * {@code snapshot} (made in constant time whatever their size). Without a snapshot, one named
     * {@code clone-<newName>} is taken first and kept, as the clones depend on it.
     */
    Task clone(String vm, String newName, String snapshot);
}
