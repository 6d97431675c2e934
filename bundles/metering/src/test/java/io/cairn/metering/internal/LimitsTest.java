package io.cairn.metering.internal;

import io.cairn.api.metering.Allocation;
import io.cairn.api.metering.License;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {
    private final License eight = TestVendor.perpetual(TestVendor.CLUSTER, 8, Instant.EPOCH,
            Instant.parse("2100-01-01T00:00:00Z"));

    private static Allocation vcpus(int n) {
        return new Allocation(n, 0, 0);
    }

    @Test
    void hardLimitIsTheFloorOf133Percent() {
        assertEquals(10, Limits.hardLimit(8));
        assertEquals(133, Limits.hardLimit(100));
        assertEquals(1, Limits.hardLimit(1));
        assertEquals(3, Limits.hardLimit(3));
        assertEquals(5, Limits.hardLimit(4));
    }

    @Test
    void upToTheContractSilentlyThenWarnedUpTo133PercentThenRefused() {
        Limits.Verdict within = Limits.check(eight, vcpus(6), vcpus(8));
        assertTrue(within.admitted());
        assertNull(within.warning());
        Limits.Verdict over = Limits.check(eight, vcpus(8), vcpus(10));
        assertTrue(over.admitted());
        assertTrue(over.warning().contains("above the contracted 8"), over.warning());
        Limits.Verdict refused = Limits.check(eight, vcpus(10), vcpus(11));
        assertTrue(!refused.admitted());
        assertTrue(refused.refusal().contains("at most 10 vCPUs") && refused.refusal().contains("use 10")
                && refused.refusal().contains("take 11"), refused.refusal());
    }

    @Test
    void anUncontractedResourceIsNotLimited() {
        assertTrue(Limits.check(eight, new Allocation(0, 0, 0), new Allocation(1, 1_000_000, 0)).admitted());
    }
}
