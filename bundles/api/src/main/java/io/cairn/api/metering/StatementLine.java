package io.cairn.api.metering;

import io.cairn.api.common.DnsLabel;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * One VM's usage in a month.
 *
 * @param tenant         the VM's tenant
 * @param vmId           the VM's id
 * @param vmName         the VM's name (its latest in the month)
 * @param intervals      how many intervals the VM ran (records with vCPUs); 0 for a VM that was only stopped
 * @param vcpuHours      vCPU-hours allocated
 * @param memoryGiBHours GiB-hours of memory allocated
 * @param cpuHours       hours of CPU time consumed
 * @param points         points by the prices in force at each interval's start
 * @param diskIntervals  how many intervals the VM had disks allocated, running or stopped (since 1.1)
 * @param diskGiBHours   GiB-hours of disk allocated, running or stopped (since 1.1)
 */
public record StatementLine(String tenant, UUID vmId, String vmName, long intervals, BigDecimal vcpuHours,
                            BigDecimal memoryGiBHours, BigDecimal cpuHours, BigDecimal points, long diskIntervals,
                            BigDecimal diskGiBHours) {
    public StatementLine {
        DnsLabel.require(tenant, "tenant");
        Objects.requireNonNull(vmId, "vmId must not be null");
        DnsLabel.require(vmName, "vmName");
        if (intervals < 0 || diskIntervals < 0) {
            throw new IllegalArgumentException("statement line of " + vmName + ": interval counts must not be "
                    + "negative");
        }
        if (intervals == 0 && diskIntervals == 0) {
            throw new IllegalArgumentException("statement line of " + vmName + ": a line has at least one interval "
                    + "the VM ran or had disks");
        }
        vcpuHours = Amounts.of(vcpuHours, "vcpuHours");
        memoryGiBHours = Amounts.of(memoryGiBHours, "memoryGiBHours");
        cpuHours = Amounts.of(cpuHours, "cpuHours");
        points = Amounts.of(points, "points");
        diskGiBHours = Amounts.of(diskGiBHours == null ? BigDecimal.ZERO : diskGiBHours, "diskGiBHours");
    }

    /** A line without disks (the form before 1.1). */
    public StatementLine(String tenant, UUID vmId, String vmName, long intervals, BigDecimal vcpuHours,
                         BigDecimal memoryGiBHours, BigDecimal cpuHours, BigDecimal points) {
        this(tenant, vmId, vmName, intervals, vcpuHours, memoryGiBHours, cpuHours, points, 0, BigDecimal.ZERO);
    }
}
