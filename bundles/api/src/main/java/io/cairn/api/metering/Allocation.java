package io.cairn.api.metering;

/** What the VMs meant to run take now. */
public record Allocation(int vcpus, long memoryMiB, long storageGiB) {
    public Allocation {
        if (vcpus < 0 || memoryMiB < 0 || storageGiB < 0) {
            throw new IllegalArgumentException("allocation must not be negative");
        }
    }
}
