package io.cairn.state.raft.internal;

import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.TimeDuration;

import java.util.concurrent.TimeUnit;

/**
 * The client's retry policy: retry every 50 ms, but only until the deadline of the call being
 * made on this thread ({@link #until}). Without a bound, a write that a caller was told timed out
 * (503, outcome unknown) would go on being re-sent for minutes and commit long after, when a
 * cut-off node's link came back. Ratis's blocking client retries on the calling thread, so the
 * deadline travels in a thread local set around each call.
 */
final class DeadlineRetry implements RetryPolicy {
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
    private static final TimeDuration SLEEP = TimeDuration.valueOf(50, TimeUnit.MILLISECONDS);
    private static final Action RETRY = () -> SLEEP;
    private static final int UNBOUNDED_CALL_ATTEMPTS = 40;

    /** Runs {@code call} with retries bounded by {@code deadlineNanos} ({@link System#nanoTime()}). */
    static <T> T until(long deadlineNanos, java.util.concurrent.Callable<T> call) throws Exception {
        DEADLINE.set(deadlineNanos);
        try {
            return call.call();
        } finally {
            DEADLINE.remove();
        }
    }

    @Override
    public Action handleAttemptFailure(Event event) {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            // a call made without a deadline (membership changes): a bounded number of tries
            return event.getAttemptCount() < UNBOUNDED_CALL_ATTEMPTS ? RETRY : NO_RETRY_ACTION;
        }
        return System.nanoTime() - deadline < 0 ? RETRY : NO_RETRY_ACTION;
    }

    @Override
    public String toString() {
        return "DeadlineRetry(every " + SLEEP + ", until the call's deadline)";
    }
}
