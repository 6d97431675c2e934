package io.cairn.core.internal.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootClockTest {
    @Test
    void parsesTheKernelsUptimeLine() {
        assertEquals(12_345_670_000_000L, BootClock.parseUptime("12345.67 2345.12\n"));
        assertEquals(5_000_000_000L, BootClock.parseUptime("5 1"));
        assertEquals(1_000_000_001L, BootClock.parseUptime("1.000000001 0"));
    }

    @Test
    void neverRunsBackwardsAndCountsRealTime() throws InterruptedException {
        BootClock clock = BootClock.system();
        long a = clock.nanos();
        Thread.sleep(50);
        long b = clock.nanos();
        assertTrue(b >= a + 30_000_000L, "50 ms of sleep read as " + (b - a) / 1_000_000 + " ms on " + clock.source());
    }
}
