package io.cairn.metering.internal;

import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;

import java.util.List;

/** The disk space VMs hold: what a usage record meters (MiB) and what a licence counts (GiB, rounded up). */
final class DiskSpace {
    private static final long MIB_PER_GIB = 1024;

    private DiskSpace() {
    }

    /** The sum of the VM's disks' sizes, in MiB; 0 without disks. */
    static long mib(VmSpec spec) {
        long sum = 0;
        for (VmDisk disk : spec.disks()) {
            sum = Math.addExact(sum, disk.sizeMiB());
        }
        return sum;
    }

    /** The sum of the disks of all {@code specs}, in MiB. */
    static long mib(List<VmSpec> specs) {
        long sum = 0;
        for (VmSpec s : specs) {
            sum = Math.addExact(sum, mib(s));
        }
        return sum;
    }

    /** Whole GiB, rounded up: how a licence counts storage (1 MiB takes 1 GiB, 1025 MiB take 2). */
    static long gib(long mib) {
        if (mib < 0) {
            throw new IllegalArgumentException("disk space must not be negative, was " + mib + " MiB");
        }
        return (mib + MIB_PER_GIB - 1) / MIB_PER_GIB;
    }
}
