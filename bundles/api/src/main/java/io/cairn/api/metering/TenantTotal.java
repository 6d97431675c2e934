package io.cairn.api.metering;

import io.cairn.api.common.DnsLabel;

import java.math.BigDecimal;

/**
 * A tenant's total in a month: the sum of its VMs' lines.
 *
 * @param tenant        the tenant
 * @param vms           how many of its VMs have a line
 * @param intervals     the intervals its VMs ran
 * @param points        their points
 * @param diskIntervals the intervals its VMs had disks allocated (since 1.1)
 * @param diskGiBHours  the GiB-hours of disk its VMs had allocated (since 1.1)
 */
public record TenantTotal(String tenant, long vms, long intervals, BigDecimal points, long diskIntervals,
                          BigDecimal diskGiBHours) {
    public TenantTotal {
        DnsLabel.require(tenant, "tenant");
        if (vms < 1 || intervals < 0 || diskIntervals < 0 || intervals + diskIntervals < 1) {
            throw new IllegalArgumentException("the total of tenant " + tenant + " covers at least one VM and one "
                    + "interval it ran or had disks");
        }
        points = Amounts.of(points, "points");
        diskGiBHours = Amounts.of(diskGiBHours == null ? BigDecimal.ZERO : diskGiBHours, "diskGiBHours");
    }

    /** A total without disks (the form before 1.1). */
    public TenantTotal(String tenant, long vms, long intervals, BigDecimal points) {
        this(tenant, vms, intervals, points, 0, BigDecimal.ZERO);
    }
}
