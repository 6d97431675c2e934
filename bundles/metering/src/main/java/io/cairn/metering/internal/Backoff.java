package io.cairn.metering.internal;

import java.time.Duration;

/** Waits between deliveries to a failing sink: {@code first}, doubling up to {@code max}. */
record Backoff(Duration first, Duration max) {
    Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 = the first). */
    Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration wait = first;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
