package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends commands and waits for them. Writes go to the leader (in process when this member leads, else through the
 * Ratis client, which follows NotLeader redirections with the same call id; the command carries its own request id).
 * A linearizable read needs a barrier — a no-op committed after the read began, shared by concurrent reads — and
 * is then answered by the leader (its ReadIndex after the barrier) or by a voting follower from its own replica once
 * it has applied the barrier; otherwise (a learner, a candidate, a follower that lags) it goes through the leader's
 * log and is answered where it is applied. Nothing relies on Ratis' ReadIndex alone, which a deposed leader answers
 * from an earlier round. Before sending, a member that cannot reach a majority of voters, or sees no leader within
 * the wait, fails at once.
 */
public final class Submitter {
    private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);
    private final RaftStoreConfig config;
    private final Supplier<RatisNode> node;
    private final Supplier<KvStateMachine> stateMachine;
    private final HealthView health;

    private final ExecutorService callers;
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();
    private final AtomicLong followerFallbacks = new AtomicLong();
    private final AtomicLong lastFallbackWarnNanos = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

    /** How long a follower tries a linearizable read itself before it reads through the log. */
    static final long FOLLOWER_READ_BUDGET_MS = 1500;

    /** The no-op committed before a read is answered (see {@link #leaderRead}, {@link #followerRead}); never deduplicated. */
    private static final Message BARRIER = Message.valueOf(ByteString.copyFrom(Codec.noop(new java.util.UUID(0, 0))));
    private final ReadBarrier readBarrier = new ReadBarrier();

    /**
     * @param callers runs the Ratis client's blocking calls (unary gRPC, retried on NotLeader), so that the caller
     *                can give up after the write timeout
     */
    public Submitter(RaftStoreConfig config, Supplier<RatisNode> node, Supplier<KvStateMachine> stateMachine,
                     HealthView health, ExecutorService callers) {
        this.config = config;
        this.node = node;
        this.stateMachine = stateMachine;
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
        boolean voter = health.isVoter(self.toString());
        byte[] answer = null;
        RaftClientReply reply = null;
        if (health.isLeader()) {
            // this member leads: its own server takes the request in process. Anything but success (it stepped
            // down meanwhile, is not ready yet) falls through to the log below; a write sent again there is safe,
            // the command's request id is deduplicated at apply.
            reply = read ? leaderRead(msg, deadline) : awaitLocal(local(msg, false), deadline, false);
        } else if (read && voter && health.isFollower()) {
            // (a candidate, pre-voting after missed heartbeats, reads through the log at once)
            answer = followerRead(cmd, deadline);
        }
        if (answer == null && (reply == null || !reply.isSuccess())) {
            if (remainingMillis(deadline) <= 0) {
                throw timedOut(read, null);
            }
            // through the leader's log: a write, or a read answered where it is applied — linearizable with no
            // leadership check at all, as only a current-term majority commits it (a deposed leader cannot)
            reply = await(call(deadline, () -> node.get().client().io().send(msg)), deadline, read, false);
            if (!reply.isSuccess()) {
                throw failure(read, reply.getException());
            }
        }
        try {
            return Codec.decodeResult(answer != null ? answer : reply.getMessage().getContent().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode the store's answer: " + e.getMessage(), e);
        }
    }

    /**
     * A read this follower answers from its own replica: a barrier committed through the leader after the read
     * began (shared with the reads that began meanwhile, {@link ReadBarrier}), then this replica's state once it has
     * applied that barrier. Every write acknowledged before the read precedes the barrier in the log, so the answer
     * reflects it. Not Ratis' ReadIndex: a deposed leader that does not know it yet (paused, or cut off with this
     * follower among 5 voters) answers a ReadIndex from an earlier confirmed round, i.e. stale; it cannot commit a
     * barrier. Null when the barrier failed or this replica did not apply it within {@link #FOLLOWER_READ_BUDGET_MS}
     * (catching up, installing a snapshot): the caller then reads through the log.
     */
    private byte[] followerRead(byte[] cmd, long deadline) {
        long selfDeadline = Math.min(deadline, System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(Math.min(FOLLOWER_READ_BUDGET_MS, remainingMillis(deadline) / 2)));
        long index;
        try {
            index = readBarrier.await(selfDeadline, () -> {
                RaftClientReply barrier = await(call(selfDeadline, () -> node.get().client().io().send(BARRIER)),
                        selfDeadline, true, true);
                return barrier == null || !barrier.isSuccess() ? -1 : indexOf(barrier);
            });
        } catch (UnavailableException e) {
            followerReadFellBack(e.getMessage());
            return null;
        }
        if (index <= 0) {
            return null;
        }
        try {
            KvStateMachine sm = stateMachine.get();
            if (!sm.awaitApplied(index, selfDeadline)) {
                followerReadFellBack("this replica had not applied the read's barrier (index " + index + ") within "
                        + FOLLOWER_READ_BUDGET_MS + " ms");
                return null;
            }
            return sm.state().read(Codec.decode(cmd, 0, cmd.length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("read interrupted", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode a read command: " + e.getMessage(), e);
        }
    }

    private static long indexOf(RaftClientReply reply) {
        try {
            Codec.Result r = Codec.decodeResult(reply.getMessage().getContent().toByteArray());
            return r.type() == Codec.RES_OK ? r.index() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A read this member answers as leader, after a barrier: Ratis 3.3.0's ReadIndex answers a leader's read at once
     * when its commit index was already confirmed by an earlier heartbeat round
     * ({@code ReadIndexHeartbeats.addAppendEntriesListener}: {@code commitIndex <= ackedCommitIndex}), a round that
     * can predate the read, so a leader deposed while it was paused would answer from its old state. A no-op
     * commit of its own that starts after the read did proves it still leads (only a current-term majority
     * commits) and raises its commit index past every earlier round, so the ReadIndex after it is a real one.
     * Concurrent reads share such barriers ({@link ReadBarrier}).
     * Null when the barrier or the read fails (it stepped down): the caller then reads through the log.
     */
    private RaftClientReply leaderRead(Message msg, long deadline) {
        long index = readBarrier.await(deadline, () -> {
            RaftClientReply barrier = awaitLocal(local(BARRIER, false), deadline, true);
            return barrier == null || !barrier.isSuccess() ? -1 : indexOf(barrier);
        });
        return index > 0 ? awaitLocal(local(msg, true), deadline, true) : null;
    }

    /** Barriers sent before leader reads (tests check that a leader read really commits one). */
    public long readBarriers() {
        return readBarrier.sent();
    }

    /**
     * A request to this member's own server, in process ({@link RatisNode#submitLocal}): no gRPC stream to set up,
     * no loopback round trip, no executor hop. Its own client id and call ids, so its retry-cache entries never
     * collide with the Ratis client's.
     */
    private CompletableFuture<RaftClientReply> local(Message msg, boolean read) {
        RatisNode n = node.get();
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(n.selfId())
                .setGroupId(RatisPeers.GROUP_ID)
                .setCallId(localCallIds.incrementAndGet())
                .setMessage(msg)
                .setType(read ? RaftClientRequest.readRequestType() : RaftClientRequest.writeRequestType())
                .build();
        return Tccl.call(() -> {
            try {
                return n.submitLocal(request);
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private CompletableFuture<RaftClientReply> call(long deadline, Callable<RaftClientReply> send) {
        return CompletableFuture.supplyAsync(() -> Tccl.call(() -> {
            try {
                return DeadlineRetry.until(deadline, send);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }), callers);
    }

    /**
     * Waits for a request to this leader's own server until the deadline: its reply, or null when it failed (the
     * caller then goes through the client); a timeout is final, nothing is sent again after the deadline.
     */
    private RaftClientReply awaitLocal(CompletableFuture<RaftClientReply> call, long deadline, boolean read) {
        try {
            return call.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(read, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException((read ? "read" : "write") + " interrupted; outcome unknown", e);
        } catch (ExecutionException e) {
            return null;
        }
    }

    private UnavailableException timedOut(boolean read, Throwable cause) {
        return new UnavailableException(read
                ? "read timed out after " + config.writeTimeoutMillis() + " ms (" + health.describe() + ")"
                : "write outcome unknown: no commit within " + config.writeTimeoutMillis() + " ms ("
                + health.describe() + "); it may still commit — retry conditionally", cause);
    }

    /**
     * Waits for a call until the deadline. A follower's own read attempt ({@code firstTry}) that fails or times out
     * gives null (and a rate-limited warning), so the caller asks the leader; any other failure is thrown.
     */
    private RaftClientReply await(CompletableFuture<RaftClientReply> call, long deadline, boolean read, boolean firstTry) {
        try {
            RaftClientReply reply = call.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            if (firstTry && !reply.isSuccess()) {
                followerReadFellBack(RaftErrors.rootMessage(reply.getException()));
                return null;
            }
            return reply;
        } catch (TimeoutException e) {
            if (firstTry) {
                followerReadFellBack("no answer within " + FOLLOWER_READ_BUDGET_MS + " ms");
                return null;
            }
            throw timedOut(read, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException((read ? "read" : "write") + " interrupted; outcome unknown", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (firstTry) {
                followerReadFellBack(RaftErrors.rootMessage(cause));
                return null;
            }
            throw failure(read, cause);
        }
    }

    private void followerReadFellBack(String why) {
        long n = followerFallbacks.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFallbackWarnNanos.get();
        if (now - last > TimeUnit.SECONDS.toNanos(10) && lastFallbackWarnNanos.compareAndSet(last, now)) {
            LOG.warn("Linearizable read on this follower failed ({}; {}); read from the leader instead "
                    + "({} such reads since start)", why, health.describe(), n);
        }
    }

    /** Reads this follower could not answer itself and sent to the leader (since start). */
    public long followerReadFallbacks() {
        return followerFallbacks.get();
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
