package io.cairn.metering.internal;

import io.cairn.api.metering.MeteringSink;
import io.cairn.api.metering.UsageRecord;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkWorkerTest {
    private static final Instant HOUR = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemoryConsistentStore raft = new InMemoryConsistentStore("n1");
    private final UsageStore usage = new UsageStore(raft);
    private final CursorStore cursors = new CursorStore(raft);
    private final StoreFence fence = new StoreFence(raft, "n1");

    /** A sink that is down for its first {@code failures} calls. */
    private static final class FlakySink implements MeteringSink {
        final List<UsageRecord> received = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        int failures;

        FlakySink(int failures) {
            this.failures = failures;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void deliver(List<UsageRecord> records) throws java.io.IOException {
            calls.incrementAndGet();
            if (failures-- > 0) {
                throw new java.io.IOException("connection refused");
            }
            received.addAll(records);
        }
    }

    private List<UsageRecord> recordHour(int vms) {
        List<UsageRecord> all = new ArrayList<>();
        for (int v = 0; v < vms; v++) {
            long epoch = fence.own("vm" + v, "n1");
            for (int i = 0; i < 6; i++) {
                all.add(new UsageRecord(Records.vm(v), "vm" + v, "blue", "n1", epoch, HOUR.plusSeconds(i * 60L), 60,
                        1, 64, 0));
            }
        }
        for (int i = 0; i < 6; i++) {
            int at = i;
            usage.record(all.stream().filter(r -> r.intervalStart().equals(HOUR.plusSeconds(at * 60L))).toList(),
                    fence);
        }
        return all;
    }

    private SinkWorker worker(MeteringSink sink, Instant now) {
        return new SinkWorker(sink, usage, cursors, () -> true, () -> Duration.ofSeconds(90),
                () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSinkThatIsDownGetsEveryRecordOnceItIsBackWithTheSameIds() {
        cursors.advance("flaky", HOUR, io.cairn.api.state.StoreOp.ABSENT);
        List<UsageRecord> all = recordHour(SinkWorker.BATCH / 6 + 3);
        FlakySink sink = new FlakySink(5);
        SinkWorker w = worker(sink, HOUR.plusSeconds(3600 + 90));
        assertTrue(w.step());
        assertEquals(all.size(), sink.received.size());
        assertEquals(Set.copyOf(all), new HashSet<>(sink.received));
        assertEquals(5 + 2, sink.calls.get(), "five failures, then two batches");
        assertEquals(HOUR.plusSeconds(3600), cursors.get("flaky").orElseThrow().until());
        assertFalse(w.step(), "nothing more is settled");
    }

    @Test
    void onlySettledIntervalsAreDeliveredAndACrashBeforeTheCursorMovesRedeliversTheSameIds() {
        cursors.advance("flaky", HOUR, io.cairn.api.state.StoreOp.ABSENT);
        recordHour(2);
        FlakySink sink = new FlakySink(0);
        // 3 minutes + 90 s settle after the hour began: intervals 10:00-10:02 are settled, 10:03-10:05 not
        assertTrue(worker(sink, HOUR.plusSeconds(180 + 90)).step());
        assertEquals(2 * 3, sink.received.size());
        assertEquals(HOUR.plusSeconds(180), cursors.get("flaky").orElseThrow().until());
        // a worker that delivered the rest but died before moving the cursor: the next one sends them again
        FlakySink lost = new FlakySink(0);
        CursorStore.Cursor before = cursors.get("flaky").orElseThrow();
        worker(lost, HOUR.plusSeconds(3600 + 90)).step();
        cursors.advance("flaky", before.until(), cursors.get("flaky").orElseThrow().version());
        FlakySink next = new FlakySink(0);
        worker(next, HOUR.plusSeconds(3600 + 90)).step();
        assertEquals(lost.received.stream().map(UsageRecord::id).toList(),
                next.received.stream().map(UsageRecord::id).toList());
        assertEquals(2 * 3, next.received.size());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertEquals(Duration.ZERO, b.after(0));
        assertEquals(Duration.ofSeconds(1), b.after(1));
        assertEquals(Duration.ofSeconds(2), b.after(2));
        assertEquals(Duration.ofSeconds(32), b.after(6));
        assertEquals(Duration.ofSeconds(60), b.after(7));
        assertEquals(Duration.ofSeconds(60), b.after(1000));
    }
}
