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
 * @param intervals      how many intervals were recorded
 * @param vcpuHours      vCPU-hours allocated
 * @param memoryGiBHours GiB-hours of memory allocated
 * @param cpuHours       hours of CPU time consumed
 * @param points         points by the prices in force at each interval's start
 */
public record StatementLine(String tenant, UUID vmId, String vmName, long intervals, BigDecimal vcpuHours,
                            BigDecimal memoryGiBHours, BigDecimal cpuHours, BigDecimal points) {
    public StatementLine {
        DnsLabel.require(tenant, "tenant");
        Objects.requireNonNull(vmId, "vmId must not be null");
        DnsLabel.require(vmName, "vmName");
        if (intervals < 1) {
            throw new IllegalArgumentException("a statement line has at least one interval");
        }
        vcpuHours = Amounts.of(vcpuHours, "vcpuHours");
        memoryGiBHours = Amounts.of(memoryGiBHours, "memoryGiBHours");
        cpuHours = Amounts.of(cpuHours, "cpuHours");
        points = Amounts.of(points, "points");
    }
}
