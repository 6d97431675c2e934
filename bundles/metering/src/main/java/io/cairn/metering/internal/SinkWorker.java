package io.cairn.metering.internal;

import io.cairn.api.metering.MeteringSink;
import io.cairn.api.metering.UsageRecord;
import io.cairn.api.state.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Hands one sink every record, in interval order, at least once: a range is delivered (retried with backoff until a
 * call returns), then the sink's durable cursor moves past it. A crash between the two re-delivers that range, with
 * the same record ids. Only the node that {@code active} says (the Raft leader) delivers.
 */
final class SinkWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    static final int BATCH = 500;

    private final MeteringSink sink;
    private final UsageStore usage;
    private final CursorStore cursors;
    private final BooleanSupplier active;
    /** how long after its start an interval's records are settled (no late commit can add one) */
    private final Supplier<Duration> settle;
    private final Supplier<Backoff> backoff;
    private final Clock clock;
    private volatile boolean stopped;

    SinkWorker(MeteringSink sink, UsageStore usage, CursorStore cursors, BooleanSupplier active,
               Supplier<Duration> settle, Supplier<Backoff> backoff, Clock clock) {
        this.sink = sink;
        this.usage = usage;
        this.cursors = cursors;
        this.active = active;
        this.settle = settle;
        this.backoff = backoff;
        this.clock = clock;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                if (!active.getAsBoolean() || !step()) {
                    pause(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                LOG.warn("Delivery to sink {} paused: {}", sink.name(), e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Delivers the next settled range, if any; false when there was nothing to do. */
    boolean step() {
        Instant now = clock.instant();
        CursorStore.Cursor cursor = cursors.get(sink.name()).orElseGet(() -> start(now));
        Instant upper = min(UsageStore.nextHour(cursor.until()), now.minus(settle.get()));
        if (!upper.isAfter(cursor.until())) {
            return false;
        }
        List<UsageRecord> records = usage.hourOf(cursor.until()).stream()
                .filter(r -> !r.intervalStart().isBefore(cursor.until()) && r.intervalStart().isBefore(upper))
                .toList();
        for (int i = 0; i < records.size() && !stopped; i += BATCH) {
            if (!deliver(records.subList(i, Math.min(records.size(), i + BATCH)))) {
                return true;
            }
        }
        try {
            cursors.advance(sink.name(), upper, cursor.version());
        } catch (VersionConflictException e) {
            LOG.info("The cursor of sink {} was moved by another node meanwhile; reading it again", sink.name());
        }
        return true;
    }

    /** A new sink starts with the records of the current hour. */
    private CursorStore.Cursor start(Instant now) {
        Instant from = now.truncatedTo(ChronoUnit.HOURS);
        LOG.info("Sink {} receives every usage record from {} on", sink.name(), from);
        try {
            return cursors.advance(sink.name(), from, io.cairn.api.state.StoreOp.ABSENT);
        } catch (VersionConflictException e) {
            return cursors.get(sink.name()).orElseThrow(() -> e);
        }
    }

    /** Retries with backoff until the sink takes the batch; false if stopped or no longer active meanwhile. */
    private boolean deliver(List<UsageRecord> batch) {
        for (int failures = 0; !stopped; ) {
            try {
                sink.deliver(batch);
                if (failures > 0) {
                    LOG.info("Sink {} took {} record(s) after {} failed attempt(s)", sink.name(), batch.size(),
                            failures);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
                return false;
            } catch (Exception e) {
                failures++;
                Duration wait = backoff.get().after(failures);
                LOG.warn("Sink {} refused {} record(s) (attempt {}): {}; retrying in {} ms", sink.name(), batch.size(),
                        failures, e.toString(), wait.toMillis());
                pause(wait);
                if (!active.getAsBoolean()) {
                    return false;
                }
            }
        }
        return false;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
