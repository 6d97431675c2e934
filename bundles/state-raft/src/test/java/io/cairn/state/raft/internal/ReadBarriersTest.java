package io.cairn.state.raft.internal;

import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadBarriersTest {
    /** Barrier commits sent, each completed by the test. */
    private final List<CompletableFuture<RaftClientReply>> sent = new ArrayList<>();
    private final ReadBarriers barriers = new ReadBarriers(() -> {
        CompletableFuture<RaftClientReply> f = new CompletableFuture<>();
        sent.add(f);
        return f;
    });

    @Test
    void aLoneReadStartsItsOwnBarrierAtOnce() {
        CompletableFuture<RaftClientReply> read = barriers.after();
        assertEquals(1, sent.size());
        assertFalse(read.isDone());
        sent.get(0).complete(null);
        assertTrue(read.isDone());
    }

    @Test
    void readsThatArriveDuringABarrierWaitForOneThatStartsAfterIt() {
        CompletableFuture<RaftClientReply> first = barriers.after();
        CompletableFuture<RaftClientReply> second = barriers.after();
        CompletableFuture<RaftClientReply> third = barriers.after();
        assertEquals(1, sent.size(), "the later reads must not start a barrier of their own while one is in flight");
        assertSame(second, third, "they share the next barrier");
        assertNotSame(first, second);
        sent.get(0).complete(null);
        assertTrue(first.isDone());
        assertFalse(second.isDone(), "the barrier in flight began before the later reads: it proves nothing for them");
        assertEquals(2, sent.size(), "the next barrier starts when the one in flight ends");
        CompletableFuture<RaftClientReply> fourth = barriers.after();
        assertNotSame(second, fourth, "a read arriving after the next barrier started waits for a later one");
        sent.get(1).complete(null);
        assertTrue(second.isDone() && third.isDone());
        assertFalse(fourth.isDone());
        sent.get(2).complete(null);
        assertTrue(fourth.isDone());
        assertEquals(3, sent.size());
        assertTrue(barriers.after() != null && sent.size() == 4, "idle again: a new read starts a barrier at once");
    }

    @Test
    void aFailedBarrierFailsItsReadsAndTheNextOneStillRuns() {
        CompletableFuture<RaftClientReply> first = barriers.after();
        CompletableFuture<RaftClientReply> second = barriers.after();
        sent.get(0).completeExceptionally(new IllegalStateException("stepped down"));
        assertTrue(first.isCompletedExceptionally());
        assertEquals(2, sent.size());
        sent.get(1).complete(null);
        assertTrue(second.isDone() && !second.isCompletedExceptionally());
    }
}
