package io.cairn.api.metering;

/**
 * Contracted capacity of a perpetual licence; 0 means "not contracted" (no limit on that resource).
 *
 * @param vcpus      vCPUs of running VMs
 * @param memoryMiB  memory of running VMs
 * @param storageGiB storage: the disks of all VMs, running or stopped
 */
public record Capacity(int vcpus, long memoryMiB, long storageGiB) {
    /** Allocation may reach this percentage of the contract; above 100% it raises a warning. */
    public static final int HARD_LIMIT_PERCENT = 133;

    public Capacity {
        if (vcpus < 0 || memoryMiB < 0 || storageGiB < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
    }
}
