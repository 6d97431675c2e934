package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreChange;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Ratis state machine: applies committed commands to {@link KvState} at their log index (the version of what
 * they write), answers reads from it (Ratis calls {@link #query} after ReadIndex on linearizable reads), and takes
 * and loads snapshots ({@code snapshot.TERM_INDEX} files with an MD5 file, under the Raft storage directory).
 *
 * <p>An entry that cannot be decoded fails its apply: Ratis then stops this server rather than skip or half-apply
 * it (fail-stop); a checksum in every command ({@link Codec}) makes corruption detectable.
 */
public final class KvStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(KvStateMachine.class);

    private final KvState state;
    private final ChangeDispatcher dispatcher;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Object appliedSignal = new Object();

    public KvStateMachine(KvState state, ChangeDispatcher dispatcher) {
        this.state = state;
        this.dispatcher = dispatcher;
    }

    /** A new state machine over the same state and listeners, for a server started again after it closed. */
    public KvStateMachine fresh() {
        return new KvStateMachine(state, dispatcher);
    }

    public KvState state() {
        return state;
    }

    /**
     * Waits until this replica has applied the entry at {@code index}; false when the deadline passes first. A
     * follower's linearizable read waits here for the barrier it had committed ({@code Submitter}).
     */
    public boolean awaitApplied(long index, long deadlineNanos) throws InterruptedException {
        synchronized (appliedSignal) {
            while (appliedIndex() < index) {
                long waitMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (waitMs <= 0) {
                    return false;
                }
                appliedSignal.wait(waitMs);
            }
            return true;
        }
    }

    private void signalApplied() {
        synchronized (appliedSignal) {
            appliedSignal.notifyAll();
        }
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        signalApplied();
    }

    public long appliedIndex() {
        TermIndex t = getLastAppliedTermIndex();
        return t == null ? 0 : t.getIndex();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        load(storage.loadLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.hasMd5()) {
            MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        }
        byte[] body = SnapshotFile.read(file.toPath());
        List<StoreChange> changes = new ArrayList<>();
        synchronized (this) {
            state.replace(body, snapshot.getIndex(), changes);
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        LOG.info("{}: loaded snapshot {} ({} keys)", getId(), snapshot.getTermIndex(), state.size());
        signalApplied();
        dispatcher.publish(changes);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        Codec.Command cmd;
        try {
            byte[] bytes = data.toByteArray();
            cmd = Codec.decode(bytes, 0, bytes.length);
        } catch (IOException e) {
            LOG.error("{}: cannot decode log entry {}: {}; not applying it", getId(), index, e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        List<StoreChange> changes = new ArrayList<>();
        byte[] result;
        synchronized (this) {
            // a read sent through the log (Submitter's fallback) is answered from the state at its index: linearizable
            // without any leadership check, as only a current-term majority commits it
            result = cmd.isRead() ? state.read(cmd) : state.apply(index, cmd, changes);
            updateLastAppliedTermIndex(entry.getTerm(), index);
        }
        signalApplied();
        dispatcher.publish(changes);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result)));
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            byte[] bytes = request.getContent().toByteArray();
            Codec.Command cmd = Codec.decode(bytes, 0, bytes.length);
            if (!cmd.isRead()) {
                return CompletableFuture.failedFuture(new IOException("not a read command: " + cmd.type()));
            }
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(state.read(cmd))));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Writes the state as of the last applied entry (Ratis calls this between applies). */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last;
        byte[] body;
        synchronized (this) {
            last = getLastAppliedTermIndex();
            body = state.serialize();
        }
        if (last == null || last.getIndex() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        SnapshotFile.write(file.toPath(), body);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        LOG.debug("{}: snapshot at {} ({} bytes)", getId(), last, body.length);
        return last.getIndex();
    }

}
