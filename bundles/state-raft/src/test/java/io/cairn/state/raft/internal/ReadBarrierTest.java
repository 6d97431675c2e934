package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadBarrierTest {
    private static long in(long ms) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void sequentialReadsEachSendTheirOwnBarrier() {
        ReadBarrier barrier = new ReadBarrier();
        AtomicInteger commits = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertEquals(10 + i, barrier.await(in(1000), () -> 10 + commits.getAndIncrement()));
        }
        assertEquals(3, commits.get());
        assertEquals(3, barrier.sent());
    }

    @Test
    void readsThatArriveDuringABarrierWaitForTheNextOneAndShareIt() throws Exception {
        ReadBarrier barrier = new ReadBarrier();
        CountDownLatch firstProposed = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<Long> first = pool.submit(() -> barrier.await(in(5000), () -> {
                commits.incrementAndGet();
                firstProposed.countDown();
                await(releaseFirst);
                return 7L;
            }));
            assertTrue(firstProposed.await(5, TimeUnit.SECONDS));
            // eight reads begin while the first barrier is in flight: it was proposed before them, so it must not
            // answer them
            List<Future<Long>> later = new ArrayList<>();
            AtomicInteger laterCommits = new AtomicInteger();
            for (int i = 0; i < 8; i++) {
                later.add(pool.submit(() -> barrier.await(in(5000), () -> {
                    commits.incrementAndGet();
                    laterCommits.incrementAndGet();
                    return 9L;
                })));
            }
            Thread.sleep(200);
            assertEquals(0, laterCommits.get(), "nobody sends while a barrier is in flight");
            assertFalse(later.stream().anyMatch(Future::isDone), "the in-flight barrier answers none of them");
            releaseFirst.countDown();
            long firstIndex = first.get(5, TimeUnit.SECONDS);
            assertTrue(firstIndex == 7L || firstIndex == 9L, "its own barrier's index, or a later one's: " + firstIndex);
            for (Future<Long> f : later) {
                assertEquals(9L, f.get(5, TimeUnit.SECONDS), "the index of the barrier that covers them");
            }
            assertEquals(1, laterCommits.get(), "one barrier covers every read that waited for it");
            assertEquals(2, commits.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedBarrierAnswersNoReadAndTheWaitersTryAgain() throws Exception {
        ReadBarrier barrier = new ReadBarrier();
        CountDownLatch proposed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> failing = pool.submit(() -> barrier.await(in(5000), () -> {
                proposed.countDown();
                await(release);
                return -1L;
            }));
            assertTrue(proposed.await(5, TimeUnit.SECONDS));
            AtomicInteger secondCommits = new AtomicInteger();
            Future<Long> second = pool.submit(() -> barrier.await(in(5000), () -> 20L + secondCommits.incrementAndGet()));
            Thread.sleep(100);
            release.countDown();
            assertEquals(-1L, failing.get(5, TimeUnit.SECONDS), "its own barrier failed: the caller reads another way");
            assertEquals(21L, second.get(5, TimeUnit.SECONDS));
            assertEquals(1, secondCommits.get(), "the waiter sent a barrier of its own");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadWaitingPastItsDeadlineFails() throws Exception {
        ReadBarrier barrier = new ReadBarrier();
        CountDownLatch proposed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> barrier.await(in(5000), () -> {
                proposed.countDown();
                await(release);
                return 1L;
            }));
            assertTrue(proposed.await(5, TimeUnit.SECONDS));
            assertThrows(UnavailableException.class, () -> barrier.await(in(100), () -> 2L));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
