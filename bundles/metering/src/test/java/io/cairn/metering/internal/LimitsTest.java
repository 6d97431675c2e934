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
    void storageOf10GibAdmits13AndRefuses14WarningAbove10() {
        License tenGiB = TestVendor.perpetual(TestVendor.CLUSTER, new io.cairn.api.metering.Capacity(0, 0, 10),
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        Limits.Verdict ten = Limits.check(tenGiB, storage(0), storage(10));
        assertTrue(ten.admitted());
        assertNull(ten.warning(), "10 of 10: no warning");
        Limits.Verdict eleven = Limits.check(tenGiB, storage(10), storage(11));
        assertTrue(eleven.admitted());
        assertTrue(eleven.warning().contains("11 GiB of storage allocated, above the contracted 10 (limit 13)"),
                eleven.warning());
        assertTrue(Limits.check(tenGiB, storage(0), storage(13)).admitted());
        Limits.Verdict fourteen = Limits.check(tenGiB, storage(13), storage(14));
        assertTrue(!fourteen.admitted());
        assertTrue(fourteen.refusal().contains("at most 13 GiB of storage") && fourteen.refusal().contains("use 13")
                && fourteen.refusal().contains("take 14")
                && fourteen.refusal().contains("disks of all VMs (running or stopped)"), fourteen.refusal());
    }

    @Test
    void aChangeThatAddsNothingOfAResourceIsNotJudgedOnIt() {
        License tenGiB = TestVendor.perpetual(TestVendor.CLUSTER, new io.cairn.api.metering.Capacity(0, 0, 10),
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        // already past the limit (a smaller licence installed later): what adds no storage still passes
        assertTrue(Limits.check(tenGiB, storage(20), storage(20)).admitted());
        assertTrue(!Limits.check(tenGiB, storage(20), storage(21)).admitted());
    }

    @Test
    void storageCountsWholeGibRoundedUpFromTheMibOfAllDisksTogether() {
        assertEquals(0, DiskSpace.gib(0));
        assertEquals(1, DiskSpace.gib(1));
        assertEquals(1, DiskSpace.gib(1024));
        assertEquals(2, DiskSpace.gib(1025));
        assertEquals(13, DiskSpace.gib(13 * 1024));
        assertEquals(14, DiskSpace.gib(13 * 1024 + 1));
    }

    private static Allocation storage(long gib) {
        return new Allocation(0, 0, gib);
    }

    @Test
    void anUncontractedResourceIsNotLimited() {
        assertTrue(Limits.check(eight, new Allocation(0, 0, 0), new Allocation(1, 1_000_000, 0)).admitted());
    }
}
