package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Concurrent leader reads share barrier commits. A read may be answered once a barrier that was proposed after the
 * read began has committed (only a leader that still leads commits an entry of its term, and that entry follows every
 * write acknowledged before the read). A read that arrives while a barrier is in flight cannot use that one (it was
 * proposed earlier), so it waits for the next, which covers every read waiting by then: one barrier for a whole burst
 * instead of one per read.
 *
 * <p>The barrier is sent by one of the waiting callers, on its own thread, never by a thread of the Raft library
 * (completing one barrier on Ratis' reply thread and sending the next from there stalled a leader once).
 */
final class ReadBarrier {
    private final Object lock = new Object();
    /** Tickets handed out to reads, in order of arrival. */
    private long issued;
    /** Every read with a ticket up to this one is covered by a committed barrier. */
    private long covered;
    /** The log index of the last barrier that committed. */
    private long coveredIndex;
    private boolean inFlight;
    private long sent;

    /**
     * Waits until a barrier proposed after this call committed, and returns the log index of the last one that did
     * (at least that of the barrier that covers this read). {@code commitBarrier} commits one and returns its index,
     * or -1 when it did not commit; it runs on this thread when no barrier is in flight. -1 when the barrier this
     * read relied on failed (the member stopped leading, no leader answered): the caller reads another way. Throws
     * when the deadline passes first.
     */
    long await(long deadlineNanos, LongSupplier commitBarrier) {
        long ticket;
        synchronized (lock) {
            ticket = ++issued;
        }
        while (true) {
            long cover;
            synchronized (lock) {
                while (covered < ticket && inFlight) {
                    long waitMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                    if (waitMs <= 0) {
                        throw new UnavailableException("read timed out waiting for a leadership barrier to commit");
                    }
                    try {
                        lock.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UnavailableException("read interrupted", e);
                    }
                }
                if (covered >= ticket) {
                    return coveredIndex;
                }
                inFlight = true;
                cover = issued; // every read that began before this barrier is proposed
                sent++;
            }
            long index = -1;
            try {
                index = commitBarrier.getAsLong();
            } finally {
                synchronized (lock) {
                    inFlight = false;
                    if (index > 0) {
                        covered = Math.max(covered, cover);
                        coveredIndex = Math.max(coveredIndex, index);
                    }
                    lock.notifyAll();
                }
            }
            if (index <= 0) {
                return -1;
            }
        }
    }

    /** Barriers sent so far. */
    long sent() {
        synchronized (lock) {
            return sent;
        }
    }
}
