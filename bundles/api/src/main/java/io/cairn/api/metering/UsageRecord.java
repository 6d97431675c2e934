package io.cairn.api.metering;

import io.cairn.api.common.DnsLabel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What one VM was allocated and used in one interval, recorded once by the node that owned it. Keeps the VM's
 * name and tenant, so statements of old months need no VM record.
 * <p>
 * Two kinds: a VM whose domain ran on its owner has vCPUs, memory, CPU time and its disks; a VM that did not run
 * but has disks (they stay allocated) has a disk-only record: vcpus, memory and CPU time 0, {@code diskMiB} at
 * least 1. Both kinds share the key (VM, interval), so an interval counts once whichever lands first.
 *
 * @param vmId            the VM's id
 * @param vmName          the VM's name when recorded
 * @param tenant          the VM's tenant when recorded
 * @param node            the node that recorded it (the VM's owner)
 * @param epoch           the ownership epoch the owner held
 * @param intervalStart   start of the interval (UTC, whole seconds)
 * @param intervalSeconds length of the interval
 * @param vcpus           virtual CPUs allocated (0 in a disk-only record)
 * @param memoryMiB       memory allocated (0 in a disk-only record)
 * @param cpuNanos        CPU time consumed in the interval (0 when the hypervisor cannot tell, or not running)
 * @param diskMiB         disk space allocated to the VM: the sum of its disks' sizes (since 1.1; a record stored
 *                        before has none and reads as 0)
 */
public record UsageRecord(UUID vmId, String vmName, String tenant, String node, long epoch, Instant intervalStart,
                          int intervalSeconds, int vcpus, long memoryMiB, long cpuNanos, long diskMiB) {
    public UsageRecord {
        Objects.requireNonNull(vmId, "vmId must not be null");
        DnsLabel.require(vmName, "vmName");
        DnsLabel.require(tenant, "tenant");
        DnsLabel.require(node, "node");
        Objects.requireNonNull(intervalStart, "intervalStart must not be null");
        if (intervalStart.getNano() != 0) {
            throw new IllegalArgumentException("intervalStart must be whole seconds, was " + intervalStart);
        }
        if (epoch < 1 || intervalSeconds < 1) {
            throw new IllegalArgumentException("usage of " + vmName + ": epoch and interval must be positive, were "
                    + epoch + " and " + intervalSeconds);
        }
        if (vcpus < 0 || memoryMiB < 0 || cpuNanos < 0 || diskMiB < 0) {
            throw new IllegalArgumentException("usage of " + vmName + ": vcpus, memory, cpu time and disk must not "
                    + "be negative");
        }
        boolean ran = vcpus > 0 || memoryMiB > 0 || cpuNanos > 0;
        if (ran && (vcpus < 1 || memoryMiB < 1)) {
            throw new IllegalArgumentException("usage of " + vmName + ": a VM that ran has at least 1 vCPU and 1 MiB "
                    + "of memory, was " + vcpus + " vCPUs and " + memoryMiB + " MiB");
        }
        if (!ran && diskMiB < 1) {
            throw new IllegalArgumentException("usage of " + vmName + ": a record allocates something: vCPUs and "
                    + "memory (the VM ran) or, when it did not run, at least 1 MiB of disk");
        }
    }

    /** A record without disks (the form before 1.1). */
    public UsageRecord(UUID vmId, String vmName, String tenant, String node, long epoch, Instant intervalStart,
                       int intervalSeconds, int vcpus, long memoryMiB, long cpuNanos) {
        this(vmId, vmName, tenant, node, epoch, intervalStart, intervalSeconds, vcpus, memoryMiB, cpuNanos, 0);
    }

    /** A disk-only record: the VM did not run in the interval, its disks stayed allocated. */
    public static UsageRecord diskOnly(UUID vmId, String vmName, String tenant, String node, long epoch,
                                       Instant intervalStart, int intervalSeconds, long diskMiB) {
        return new UsageRecord(vmId, vmName, tenant, node, epoch, intervalStart, intervalSeconds, 0, 0, 0, diskMiB);
    }

    /** Whether the VM ran in the interval (vCPUs allocated), as opposed to a disk-only record. */
    public boolean ran() {
        return vcpus > 0;
    }

    /** The same record at another ownership epoch (the owner claimed the VM again before it was written). */
    public UsageRecord atEpoch(long newEpoch) {
        return new UsageRecord(vmId, vmName, tenant, node, newEpoch, intervalStart, intervalSeconds, vcpus, memoryMiB,
                cpuNanos, diskMiB);
    }

    /** The idempotent id of this record: the same (VM, interval) always has the same id. */
    public String id() {
        return vmId + "@" + intervalStart.getEpochSecond();
    }
}
