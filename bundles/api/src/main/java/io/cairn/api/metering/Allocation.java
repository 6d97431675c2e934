package io.cairn.api.metering;

/**
 * What the cluster's VMs take now: vCPUs and memory of the VMs meant to run (power wanted on), storage of all VMs,
 * running or stopped (the sum of their disks, in GiB rounded up from MiB).
 */
public record Allocation(int vcpus, long memoryMiB, long storageGiB) {
    public Allocation {
        if (vcpus < 0 || memoryMiB < 0 || storageGiB < 0) {
            throw new IllegalArgumentException("allocation must not be negative");
        }
    }
}
