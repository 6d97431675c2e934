package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.StorageService;

import java.util.Optional;

/**
 * Checks a new VM's disks against the cluster's pools before anything is written, and names the
 * node the VM must run on: the owner of its disks' pool (the short, local I/O path).
 */
public final class VmDiskCheck {
    private VmDiskCheck() {
    }

    /** Names of the VMs with disks on {@code pool}, sorted (a linearizable list unless this node is cut off). */
    public static java.util.List<String> vmsWithDisksOn(String pool, io.cairn.api.compute.VmService vms) {
        return vms.vms().stream().map(d -> d.vm())
                .filter(vm -> vm.spec().diskPool().filter(pool::equals).isPresent())
                .map(vm -> vm.name()).sorted().toList();
    }

    /** The node a VM with disks must be placed on; empty for a VM without disks. */
    public static Optional<String> requiredNode(VmSpec spec, StorageService storage) {
        if (spec.disks().isEmpty()) {
            return Optional.empty();
        }
        if (storage == null) {
            throw new UnavailableException("storage is not available on this node: VM " + spec.name()
                    + " has disks and cannot be created now");
        }
        String poolName = spec.diskPool().orElseThrow();
        PoolDetails pool = storage.pool(poolName).orElseThrow(() -> new UnsatisfiableException("disk "
                + spec.disks().get(0).name() + ": pool '" + poolName + "' does not exist"));
        long size = pool.status() == null ? 0 : pool.status().sizeBytes();
        if (size <= 0) {
            throw new UnavailableException("pool " + poolName + " has not been observed by its owner "
                    + pool.owner().node() + " yet: its size is unknown");
        }
        for (VmDisk disk : spec.disks()) {
            if (disk.sizeBytes() > size) {
                throw new UnsatisfiableException("disk " + disk.name() + ": " + disk.sizeMiB() + " MiB is larger than pool "
                        + poolName + " (" + (size >> 20) + " MiB)");
            }
        }
        String owner = pool.owner().node();
        if (spec.node() != null && !spec.node().equals(owner)) {
            throw new UnsatisfiableException("VM " + spec.name() + " is pinned to node " + spec.node()
                    + ", but its disks' pool " + poolName + " is owned by " + owner + " (a VM runs on its pool's owner)");
        }
        return Optional.of(owner);
    }
}
