package io.cairn.metering.internal;

import java.time.Instant;

/**
 * The metering grid: intervals of {@code seconds} aligned on the epoch (UTC), each sampled once, at its middle, so
 * a VM counts for an interval when it ran on its owner at that moment.
 */
record IntervalClock(int seconds) {
    IntervalClock {
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException("interval.seconds must be 1-86400, was " + seconds);
        }
    }

    /** The start of the interval {@code at} is in. */
    Instant startOf(Instant at) {
        long s = at.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, seconds) * seconds);
    }

    /** The moment the interval starting at {@code start} is sampled. */
    Instant sampleAt(Instant start) {
        return start.plusMillis(seconds * 500L);
    }

    /** The end of the interval starting at {@code start}. */
    Instant endOf(Instant start) {
        return start.plusSeconds(seconds);
    }
}
