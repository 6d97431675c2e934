package io.cairn.state.raft.internal;

import org.apache.ratis.protocol.RaftClientReply;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The leader's read barriers, shared: a read may rely on any barrier commit that started after the read began
 * (see {@code Submitter.leaderRead}), so reads that arrive while one is in flight all wait for the next one, which
 * starts when the in-flight one ends. Concurrent reads then cost one commit between them instead of one each, and
 * at most two barriers are ever outstanding; a lone read still starts its own at once.
 */
final class ReadBarriers {
    private final Supplier<CompletableFuture<RaftClientReply>> commit;
    /** The barrier in flight (its reply), or null. */
    private CompletableFuture<RaftClientReply> inFlight;
    /** The barrier that starts when the one in flight ends, with the reads waiting for it, or null. */
    private CompletableFuture<RaftClientReply> next;

    ReadBarriers(Supplier<CompletableFuture<RaftClientReply>> commit) {
        this.commit = commit;
    }

    /** The reply of a barrier commit that starts after this call. */
    CompletableFuture<RaftClientReply> after() {
        CompletableFuture<RaftClientReply> mine;
        synchronized (this) {
            if (inFlight != null) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                return next;
            }
            mine = new CompletableFuture<>();
            inFlight = mine;
        }
        launch(mine);
        return mine;
    }

    private void launch(CompletableFuture<RaftClientReply> target) {
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = commit.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            CompletableFuture<RaftClientReply> waiting;
            synchronized (this) {
                waiting = next;
                next = null;
                inFlight = waiting;
            }
            if (error != null) {
                target.completeExceptionally(error);
            } else {
                target.complete(reply);
            }
            if (waiting != null) {
                launch(waiting);
            }
        });
    }
}
