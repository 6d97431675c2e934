package io.cairn.api.metering;

import io.cairn.api.common.DnsLabel;

import java.math.BigDecimal;

/** A tenant's total in a month: the sum of its VMs' lines. */
public record TenantTotal(String tenant, long vms, long intervals, BigDecimal points) {
    public TenantTotal {
        DnsLabel.require(tenant, "tenant");
        if (vms < 1 || intervals < 1) {
            throw new IllegalArgumentException("a tenant total covers at least one VM and interval");
        }
        points = Amounts.of(points, "points");
    }
}
