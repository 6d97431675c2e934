package io.cairn.metering.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.metering.UsageRecord;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsageStoreTest {
    private static final Instant T = Instant.parse("2026-12-01T10:15:00Z");
    private final InMemoryConsistentStore raft = new InMemoryConsistentStore("n1");
    private final UsageStore usage = new UsageStore(raft);
    private final StoreFence n1 = new StoreFence(raft, "n1");
    private final StoreFence n2 = new StoreFence(raft, "n2");

    private UsageRecord rec(String vm, UUID id, long epoch, String node, Instant start) {
        return new UsageRecord(id, vm, "blue", node, epoch, start, 60, 2, 256, 0);
    }

    @Test
    void aBatchIsOneCommitAndASecondWriteOfAnIntervalChangesNothing() {
        long ea = n1.own("a", "n1");
        long eb = n1.own("b", "n1");
        UsageRecord a = rec("a", Records.vm(1), ea, "n1", T);
        UsageRecord b = rec("b", Records.vm(2), eb, "n1", T);
        UsageStore.Outcome first = usage.record(List.of(a, b), n1);
        assertEquals(List.of(a, b), first.written());
        assertEquals(1, first.commits());
        long version = raft.getLocal(UsageStore.key(a)).orElseThrow().version();
        // the node restarts mid-interval and samples again (other CPU time): the first record stays
        UsageRecord again = new UsageRecord(a.vmId(), "a", "blue", "n1", ea, T, 60, 2, 256, 999);
        UsageStore.Outcome second = usage.record(List.of(again, b), n1);
        assertEquals(List.of(), second.written());
        assertEquals(2, second.present());
        assertEquals(version, raft.getLocal(UsageStore.key(a)).orElseThrow().version());
        assertEquals(List.of(a, b), usage.month(YearMonth.of(2026, 12)));
    }

    @Test
    void aDiskOnlyRecordAndAFullOneOfTheSameIntervalCountItOnceWhicheverLandsFirst() {
        long ea = n1.own("a", "n1");
        long eb = n1.own("b", "n1");
        UsageRecord stoppedA = UsageRecord.diskOnly(Records.vm(1), "a", "blue", "n1", ea, T, 60, 64);
        UsageRecord runningA = new UsageRecord(Records.vm(1), "a", "blue", "n1", ea, T, 60, 2, 256, 5, 64);
        UsageRecord stoppedB = UsageRecord.diskOnly(Records.vm(2), "b", "blue", "n1", eb, T, 60, 32);
        UsageRecord runningB = new UsageRecord(Records.vm(2), "b", "blue", "n1", eb, T, 60, 2, 256, 5, 32);
        assertEquals(List.of(stoppedA, runningB), usage.record(List.of(stoppedA, runningB), n1).written());
        UsageStore.Outcome again = usage.record(List.of(runningA, stoppedB), n1);
        assertEquals(List.of(), again.written());
        assertEquals(2, again.present());
        assertEquals(List.of(stoppedA, runningB), usage.month(YearMonth.of(2026, 12)));
    }

    @Test
    void aDiskOnlyRecordIsFencedByTheOwnersEpochLikeAnyOther() {
        long old = n1.own("a", "n1");
        n2.own("a", "n2");
        UsageRecord stale = UsageRecord.diskOnly(Records.vm(1), "a", "blue", "n1", old, T, 60, 64);
        assertEquals(List.of(stale), usage.record(List.of(stale), n1).notOwned());
        assertEquals(List.of(), usage.month(YearMonth.of(2026, 12)));
    }

    @Test
    void aCutOffOldOwnerRecordsNothingAndTheNewOwnerCountsTheIntervalOnce() {
        long old = n1.own("a", "n1");
        long moved = n2.own("a", "n2");
        UsageRecord stale = rec("a", Records.vm(1), old, "n1", T);
        UsageRecord other = rec("c", Records.vm(3), n1.own("c", "n1"), "n1", T);
        UsageStore.Outcome out = usage.record(List.of(stale, other), n1);
        assertEquals(List.of(stale), out.notOwned());
        assertEquals(List.of(other), out.written(), "one lost VM does not lose the others");
        UsageRecord fresh = rec("a", Records.vm(1), moved, "n2", T);
        assertEquals(List.of(fresh), usage.record(List.of(fresh), n2).written());
        assertEquals(1, usage.month(YearMonth.of(2026, 12)).stream().filter(r -> r.vmId().equals(Records.vm(1)))
                .count());
    }

    @Test
    void withoutALeaseNothingIsWritten() {
        n1.leaseValid = false;
        UsageRecord a = rec("a", Records.vm(1), n1.own("a", "n1"), "n1", T);
        assertThrows(UnavailableException.class, () -> usage.record(List.of(a), n1));
        assertEquals(List.of(), usage.month(YearMonth.of(2026, 12)));
    }

    @Test
    void anHourIsOnePrefixInIntervalOrder() {
        long ea = n1.own("a", "n1");
        long eb = n1.own("b", "n1");
        UsageRecord late = rec("a", Records.vm(1), ea, "n1", T.plusSeconds(60));
        UsageRecord early = rec("b", Records.vm(2), eb, "n1", T);
        UsageRecord nextHour = rec("b", Records.vm(2), eb, "n1", T.plusSeconds(3600));
        usage.record(List.of(late), n1);
        usage.record(List.of(early), n1);
        usage.record(List.of(nextHour), n1);
        assertEquals(List.of(early, late), usage.hourOf(T));
        assertEquals(Instant.parse("2026-12-01T11:00:00Z"), UsageStore.nextHour(T));
    }
}
