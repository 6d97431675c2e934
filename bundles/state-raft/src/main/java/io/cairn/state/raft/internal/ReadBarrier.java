package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
    private boolean inFlight;
    private long sent;

    /**
     * Waits until a barrier proposed after this call committed. {@code commitBarrier} commits one and tells whether
     * it did; it runs on this thread when no barrier is in flight. False when the barrier this read relied on failed
     * (the member stopped leading): the caller asks the leader instead. Throws when the deadline passes first.
     */
    boolean await(long deadlineNanos, BooleanSupplier commitBarrier) {
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
                    return true;
                }
                inFlight = true;
                cover = issued; // every read that began before this barrier is proposed
                sent++;
            }
            boolean committed = false;
            try {
                committed = commitBarrier.getAsBoolean();
            } finally {
                synchronized (lock) {
                    inFlight = false;
                    if (committed && cover > covered) {
                        covered = cover;
                    }
                    lock.notifyAll();
                }
            }
            if (!committed) {
                return false;
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
