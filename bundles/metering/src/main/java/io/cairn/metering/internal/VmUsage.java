package io.cairn.metering.internal;

import io.cairn.api.metering.Price;
import io.cairn.api.metering.StatementLine;
import io.cairn.api.metering.UsageRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One VM's usage in a month, summed exactly: integer unit-seconds per price in force, so the order records come
 * in never changes the result, and amounts are rounded once, when the line is made.
 */
final class VmUsage {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);
    private static final Price FREE = new Price(Instant.EPOCH, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private final UUID vmId;
    private String vmName;
    private String tenant;
    private Instant latest = Instant.MIN;
    /** intervals it ran (records with vCPUs) */
    private long intervals;
    /** intervals it had disks (running or stopped) */
    private long diskIntervals;
    /** per price in force: vCPU-seconds, memory MiB-seconds, CPU nanoseconds, disk MiB-seconds */
    private final Map<Price, long[]> byPrice = new HashMap<>();

    VmUsage(UUID vmId) {
        this.vmId = vmId;
    }

    /** Adds one interval, priced by {@code price} (null: no price in force, free). */
    void add(UsageRecord r, Price price) {
        if (!r.vmId().equals(vmId)) {
            throw new IllegalArgumentException("record of VM " + r.vmId() + " added to the usage of " + vmId);
        }
        if (r.intervalStart().isAfter(latest)) {
            latest = r.intervalStart();
            vmName = r.vmName();
            tenant = r.tenant();
        }
        if (r.ran()) {
            intervals++;
        }
        if (r.diskMiB() > 0) {
            diskIntervals++;
        }
        long[] sums = byPrice.computeIfAbsent(price == null ? FREE : price, p -> new long[4]);
        sums[0] = Math.addExact(sums[0], Math.multiplyExact((long) r.vcpus(), r.intervalSeconds()));
        sums[1] = Math.addExact(sums[1], Math.multiplyExact(r.memoryMiB(), r.intervalSeconds()));
        sums[2] = Math.addExact(sums[2], r.cpuNanos());
        sums[3] = Math.addExact(sums[3], Math.multiplyExact(r.diskMiB(), r.intervalSeconds()));
    }

    String tenant() {
        return tenant;
    }

    StatementLine line() {
        long vcpuSeconds = 0;
        long mibSeconds = 0;
        long cpuNanos = 0;
        long diskMiBSeconds = 0;
        BigDecimal pointSeconds = BigDecimal.ZERO; // points × 3600, exact
        for (Map.Entry<Price, long[]> e : byPrice.entrySet()) {
            Price p = e.getKey();
            long[] s = e.getValue();
            vcpuSeconds += s[0];
            mibSeconds += s[1];
            cpuNanos += s[2];
            diskMiBSeconds += s[3];
            pointSeconds = pointSeconds.add(BigDecimal.valueOf(s[0]).multiply(p.vcpuHour()))
                    .add(BigDecimal.valueOf(s[1]).multiply(p.memoryGiBHour()).divide(MIB_PER_GIB))
                    .add(BigDecimal.valueOf(s[2]).multiply(p.cpuHour()).movePointLeft(9))
                    .add(BigDecimal.valueOf(s[3]).multiply(p.diskGiBHour()).divide(MIB_PER_GIB));
        }
        return new StatementLine(tenant, vmId, vmName, intervals,
                BigDecimal.valueOf(vcpuSeconds).divide(SECONDS_PER_HOUR, 6, RoundingMode.HALF_EVEN),
                BigDecimal.valueOf(mibSeconds).divide(SECONDS_PER_HOUR.multiply(MIB_PER_GIB), 6, RoundingMode.HALF_EVEN),
                BigDecimal.valueOf(cpuNanos).divide(NANOS_PER_HOUR, 6, RoundingMode.HALF_EVEN),
                pointSeconds.divide(SECONDS_PER_HOUR, 6, RoundingMode.HALF_EVEN), diskIntervals,
                BigDecimal.valueOf(diskMiBSeconds).divide(SECONDS_PER_HOUR.multiply(MIB_PER_GIB), 6,
                        RoundingMode.HALF_EVEN));
    }
}
