package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;

/**
 * Sends commands through this member's Ratis client and waits for them: writes to the leader (the client follows
 * NotLeader redirections, retrying with the same call id, and the command carries its own request id), linearizable
 * reads to this member itself when it votes (Ratis runs ReadIndex: the leader confirms its leadership with a majority
 * round and the member waits until it applied up to that index), else to the leader. Before sending, a member that
 * cannot reach a majority of voters, or sees no leader within the wait, fails at once.
 */
public final class Submitter {
    private final RaftStoreConfig config;
    private final Supplier<RatisNode> node;
    private final HealthView health;

    private final ExecutorService callers;

    /**
     * @param callers runs the Ratis client's blocking calls (unary gRPC, retried on NotLeader), so that the caller
     *                can give up after the write timeout
     */
    public Submitter(RaftStoreConfig config, Supplier<RatisNode> node, HealthView health, ExecutorService callers) {
        this.config = config;
        this.node = node;
        this.health = health;
        this.callers = callers;
    }

    public Codec.Result write(byte[] cmd) {
        return send(cmd, false);
    }

    public Codec.Result read(byte[] cmd) {
        return send(cmd, true);
    }

    private Codec.Result send(byte[] cmd, boolean read) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.writeTimeoutMillis());
        String problem = health.quorumProblem();
        if (problem == null) {
            problem = health.awaitLeader(Math.min(config.leaderWaitMillis(), remainingMillis(deadline)));
        }
        if (problem != null) {
            throw new UnavailableException(problem);
        }
        Message msg = Message.valueOf(ByteString.copyFrom(cmd));
        RaftPeerId self = node.get().selfId();
        boolean toSelf = read && health.isVoter(self.toString());
        CompletableFuture<RaftClientReply> call = CompletableFuture.supplyAsync(() -> Tccl.call(() -> {
            try {
                return DeadlineRetry.until(deadline, () -> read
                        ? toSelf ? node.get().client().io().sendReadOnly(msg, self) : node.get().client().io().sendReadOnly(msg)
                        : node.get().client().io().send(msg));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }), callers);
        RaftClientReply reply;
        try {
            reply = call.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UnavailableException(read
                    ? "read timed out after " + config.writeTimeoutMillis() + " ms (" + health.describe() + ")"
                    : "write outcome unknown: no commit within " + config.writeTimeoutMillis() + " ms ("
                    + health.describe() + "); it may still commit — retry conditionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException((read ? "read" : "write") + " interrupted; outcome unknown", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw failure(read, cause);
        }
        if (!reply.isSuccess()) {
            throw failure(read, reply.getException());
        }
        try {
            return Codec.decodeResult(reply.getMessage().getContent().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode the store's answer: " + e.getMessage(), e);
        }
    }

    private UnavailableException failure(boolean read, Throwable cause) {
        String what = read ? "read failed" : "write outcome unknown";
        String problem = health.quorumProblem();
        return new UnavailableException(what + ": " + RaftErrors.rootMessage(cause)
                + (problem == null ? "" : "; " + problem) + (read ? "" : "; it may still commit — retry conditionally"),
                cause);
    }

    static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }
}
