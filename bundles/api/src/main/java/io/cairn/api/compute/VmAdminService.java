package io.cairn.api.compute;

import io.cairn.api.task.Task;

/**
 * Changes to VMs. Creation is synchronous (the record is durable when it returns); power changes
 * and deletion return a task that the owning node carries out.
 *
 * @throws io.cairn.api.common.NotFoundException      for an unknown VM
 * @throws io.cairn.api.common.ConflictException      for a duplicate name or a state conflict
 * @throws io.cairn.api.common.UnsatisfiableException when no node can host the VM
 * @throws io.cairn.api.common.UnavailableException   when the cluster cannot accept writes
 */
public interface VmAdminService {
    /** Places and records a new VM, stopped. */
    VmDetails create(VmSpec spec);

    Task start(String name);

    /** Graceful (ACPI) shutdown; forced off after the configured timeout. */
    Task stop(String name);

    Task reboot(String name);

    /** Immediate power off. */
    Task destroy(String name);

    /** Powers the VM off if needed and removes it; its node then destroys its disks' volumes. */
    Task delete(String name);

    /**
     * As {@link #delete(String)}; with {@code keepDisks} the volumes of its disks stay on their pool
     * (with their snapshots), only its records go.
     */
    Task delete(String name, boolean keepDisks);
}
