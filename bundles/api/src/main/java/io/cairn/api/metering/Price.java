package io.cairn.api.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Points per unit and hour, in force from {@code effectiveFrom} until the next price's.
 *
 * @param effectiveFrom when this price takes effect (UTC)
 * @param vcpuHour      points per vCPU allocated for an hour
 * @param memoryGiBHour points per GiB of memory allocated for an hour
 * @param cpuHour       points per hour of CPU time consumed
 * @param diskGiBHour   points per GiB of disk allocated for an hour, running or stopped (since 1.1; absent, as in
 *                      a price stored before or a request that leaves it out: 0)
 */
public record Price(Instant effectiveFrom, BigDecimal vcpuHour, BigDecimal memoryGiBHour, BigDecimal cpuHour,
                    BigDecimal diskGiBHour) {
    /** Largest number of decimals a price may have. */
    public static final int MAX_SCALE = 6;

    public Price {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom is required");
        vcpuHour = amount(vcpuHour, "vcpuHour");
        memoryGiBHour = amount(memoryGiBHour, "memoryGiBHour");
        cpuHour = amount(cpuHour, "cpuHour");
        diskGiBHour = amount(diskGiBHour == null ? BigDecimal.ZERO : diskGiBHour, "diskGiBHour");
    }

    /** A price without a disk price (the form before 1.1): disks are free under it. */
    public Price(Instant effectiveFrom, BigDecimal vcpuHour, BigDecimal memoryGiBHour, BigDecimal cpuHour) {
        this(effectiveFrom, vcpuHour, memoryGiBHour, cpuHour, BigDecimal.ZERO);
    }

    private static BigDecimal amount(BigDecimal value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException(what + " has more than " + MAX_SCALE + " decimals: "
                    + value.toPlainString());
        }
        if (value.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            throw new IllegalArgumentException(what + " must be at most 1000000000, was " + value.toPlainString());
        }
        return value.setScale(MAX_SCALE);
    }
}
