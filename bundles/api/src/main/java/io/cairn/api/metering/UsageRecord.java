package io.cairn.api.metering;

import io.cairn.api.common.DnsLabel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What one VM was allocated and used in one interval, recorded once by the node that owned it. Keeps the VM's
 * name and tenant, so statements of old months need no VM record.
 *
 * @param vmId            the VM's id
 * @param vmName          the VM's name when recorded
 * @param tenant          the VM's tenant when recorded
 * @param node            the node that recorded it (the VM's owner)
 * @param epoch           the ownership epoch the owner held
 * @param intervalStart   start of the interval (UTC, whole seconds)
 * @param intervalSeconds length of the interval
 * @param vcpus           virtual CPUs allocated
 * @param memoryMiB       memory allocated
 * @param cpuNanos        CPU time consumed in the interval (0 when the hypervisor cannot tell)
 */
public record UsageRecord(UUID vmId, String vmName, String tenant, String node, long epoch, Instant intervalStart,
                          int intervalSeconds, int vcpus, long memoryMiB, long cpuNanos) {
    public UsageRecord {
        Objects.requireNonNull(vmId, "vmId must not be null");
        DnsLabel.require(vmName, "vmName");
        DnsLabel.require(tenant, "tenant");
        DnsLabel.require(node, "node");
        Objects.requireNonNull(intervalStart, "intervalStart must not be null");
        if (intervalStart.getNano() != 0) {
            throw new IllegalArgumentException("intervalStart must be whole seconds, was " + intervalStart);
        }
        if (epoch < 1 || intervalSeconds < 1 || vcpus < 1 || memoryMiB < 1 || cpuNanos < 0) {
            throw new IllegalArgumentException("usage of " + vmName + ": epoch, interval, vcpus and memory must be "
                    + "positive and cpu time not negative");
        }
    }

    /** The idempotent id of this record: the same (VM, interval) always has the same id. */
    public String id() {
        return vmId + "@" + intervalStart.getEpochSecond();
    }
}
