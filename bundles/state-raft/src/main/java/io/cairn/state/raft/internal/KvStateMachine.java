package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import org.jgroups.protocols.raft.Log;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.raft.StateMachine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * The replicated state machine: a sorted map key → (value, version) where the version is the Raft log index of the
 * entry that wrote it, plus a bounded table of request ids → results for idempotent retries.
 *
 * <p>jgroups-raft does not pass the log index to {@link #apply}. {@link MatchCheckedRaft} exposes the index it is
 * applying; when entries are replayed from the log at start-up (not through that path) the index is the next entry
 * after the last applied one that is not one of RAFT's internal (membership) entries, which RAFT never hands to the
 * state machine. {@code apply} never throws for a valid entry (a throw would make RAFT retry the same index).
 * Read-only requests also reach {@code apply} but do not advance {@link #appliedIndex}.
 */
public final class KvStateMachine implements StateMachine {
    private static final Logger LOG = Logger.getLogger(KvStateMachine.class.getName());
    private static final int SNAPSHOT_MAGIC = 0xCA1A5A01;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private NavigableMap<String, Versioned> data = new TreeMap<>();
    private final LinkedHashMap<UUID, byte[]> dedup = new LinkedHashMap<>();
    private final int dedupCapacity;
    private final long snapshotInterval;
    private volatile long appliedIndex;
    private long lastSnapshotIndex;
    private volatile MatchCheckedRaft raft;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;

    public KvStateMachine(String member, int dedupCapacity, long snapshotInterval) {
        this.dedupCapacity = dedupCapacity;
        this.snapshotInterval = snapshotInterval;
        this.dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-raft-listeners-" + member);
            t.setDaemon(true);
            return t;
        });
    }

    public void raft(RAFT raft) {
        if (!(raft instanceof MatchCheckedRaft m)) {
            throw new IllegalStateException("the stack must use " + MatchCheckedRaft.class.getName() + ", not " + raft);
        }
        this.raft = m;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    public void addListener(StoreListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(StoreListener l) {
        listeners.remove(l);
    }

    public void close() {
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Optional<Versioned> getLocal(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(data.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<Versioned> listLocal(String prefix) {
        lock.readLock().lock();
        try {
            return prefixScan(prefix);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Versioned> prefixScan(String prefix) {
        List<Versioned> out = new ArrayList<>();
        for (Map.Entry<String, Versioned> e : data.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    @Override
    public byte[] apply(byte[] buf, int offset, int length, boolean serializeResponse) throws Exception {
        Codec.Command cmd;
        try {
            cmd = Codec.decode(buf, offset, length);
        } catch (IOException e) {
            // Fail-stop: never skip or half-apply an entry we cannot read; RAFT stops applying at this index.
            LOG.severe("cannot decode log entry after index " + appliedIndex + ": " + e.getMessage());
            throw e;
        }
        if (cmd.isRead()) {
            return read(cmd);
        }
        List<StoreChange> changes = new ArrayList<>();
        byte[] result;
        lock.writeLock().lock();
        try {
            long index = nextIndex();
            appliedIndex = index;
            byte[] previous = cmd.requestId() == null ? null : dedup.get(cmd.requestId());
            if (previous != null) {
                result = previous;
            } else if (cmd.type() == Codec.CMD_NOOP) {
                result = Codec.ok(index);
            } else {
                result = applyWrite(index, cmd.ops(), changes);
            }
            if (cmd.requestId() != null && previous == null) {
                dedup.put(cmd.requestId(), result);
                if (dedup.size() > dedupCapacity) {
                    Iterator<UUID> it = dedup.keySet().iterator();
                    it.next();
                    it.remove();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        publish(changes);
        maybeSnapshot();
        return result;
    }

    private long nextIndex() {
        MatchCheckedRaft r = raft;
        if (r == null) {
            return appliedIndex + 1; // no RAFT (unit tests of the machine alone): entries are consecutive
        }
        long index = r.applyingIndex();
        if (index > appliedIndex) {
            return index;
        }
        // replay from the log at start-up: skip RAFT's internal entries and what a snapshot already holds
        Log log = r.log();
        long i = Math.max(appliedIndex, log.firstAppended()) + 1;
        for (LogEntry e = log.get(i); e != null && (e.internal() || e.command() == null); e = log.get(++i)) {
            // skip
        }
        return i;
    }

    private byte[] applyWrite(long index, List<StoreOp> ops, List<StoreChange> changes) {
        for (StoreOp op : ops) {
            Versioned cur = data.get(op.key());
            long actual = cur == null ? 0 : cur.version();
            long expected = op.expectedVersion();
            if (expected != StoreOp.ANY && expected != actual) {
                return Codec.conflict(index, op.key(), expected, actual);
            }
        }
        // a batch may touch the same key twice: the last op wins, every op is reported
        for (StoreOp op : ops) {
            if (op.value() == null) {
                if (data.remove(op.key()) != null) {
                    changes.add(new StoreChange(op.key(), null, index));
                }
            } else {
                data.put(op.key(), new Versioned(op.key(), op.value(), index));
                changes.add(new StoreChange(op.key(), op.value(), index));
            }
        }
        return Codec.ok(index);
    }

    /**
     * A linearizable read, run by RAFT on the leader once a majority has confirmed its leadership, after everything
     * up to its commit index has been applied. A new leader may not yet know that entries of earlier terms are
     * committed (Raft §6.4/§8): until an entry of its own term is committed it answers RETRY (the store submits a
     * no-op on election so this is short).
     */
    private byte[] read(Codec.Command cmd) {
        RAFT r = raft;
        if (r != null) {
            long commit = r.commitIndex();
            LogEntry e = commit > 0 ? r.log().get(commit) : null;
            if (e == null || e.term() != r.currentTerm()) {
                return Codec.retry();
            }
        }
        lock.readLock().lock();
        try {
            if (cmd.type() == Codec.CMD_GET) {
                Versioned v = data.get(cmd.key());
                return Codec.read(v == null ? List.of() : List.of(v));
            }
            return Codec.read(prefixScan(cmd.key()));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void maybeSnapshot() {
        RAFT r = raft;
        if (r != null && snapshotInterval > 0 && appliedIndex - lastSnapshotIndex >= snapshotInterval) {
            lastSnapshotIndex = appliedIndex;
            // queued to RAFT's own thread; taken at its commit index, which equals what has been applied
            r.snapshotAsync().whenComplete((v, t) -> {
                if (t != null) {
                    LOG.log(Level.WARNING, "snapshot failed", t);
                }
            });
        }
    }

    private void publish(List<StoreChange> changes) {
        if (changes.isEmpty() || listeners.isEmpty()) {
            return;
        }
        dispatcher.execute(() -> {
            for (StoreChange c : changes) {
                for (StoreListener l : listeners) {
                    try {
                        l.changed(c);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "store listener failed on " + c.key(), e);
                    }
                }
            }
        });
    }

    @Override
    public void writeContentTo(DataOutput out) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        lock.readLock().lock();
        try {
            d.writeInt(SNAPSHOT_MAGIC);
            d.writeLong(appliedIndex);
            d.writeInt(data.size());
            for (Versioned v : data.values()) {
                Codec.writeVersioned(d, v);
            }
            d.writeInt(dedup.size());
            for (Map.Entry<UUID, byte[]> e : dedup.entrySet()) {
                Codec.writeUuid(d, e.getKey());
                d.writeInt(e.getValue().length);
                d.write(e.getValue());
            }
        } finally {
            lock.readLock().unlock();
        }
        d.flush();
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt(body.length);
        out.write(body);
        out.writeInt((int) crc.getValue());
    }

    /**
     * Installs a snapshot (at start-up or sent by the leader). Listeners then receive one change per key that differs
     * from the previous local state — deletions with value null — all at the snapshot's index, in key order.
     */
    @Override
    public void readContentFrom(DataInput in) throws Exception {
        int len = in.readInt();
        if (len < 0) {
            throw new IOException("bad snapshot length " + len);
        }
        byte[] body = new byte[len];
        in.readFully(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        if ((int) crc.getValue() != in.readInt()) {
            throw new IOException("snapshot fails its checksum");
        }
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(body));
        if (d.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a Cairn store snapshot");
        }
        long index = d.readLong();
        int n = d.readInt();
        NavigableMap<String, Versioned> fresh = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Versioned v = Codec.readVersioned(d);
            fresh.put(v.key(), v);
        }
        int m = d.readInt();
        LinkedHashMap<UUID, byte[]> freshDedup = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            UUID id = Codec.readUuid(d);
            byte[] r = new byte[d.readInt()];
            d.readFully(r);
            freshDedup.put(id, r);
        }
        List<StoreChange> changes = new ArrayList<>();
        lock.writeLock().lock();
        try {
            NavigableMap<String, Versioned> old = data;
            TreeMap<String, Boolean> keys = new TreeMap<>();
            old.keySet().forEach(k -> keys.put(k, true));
            fresh.keySet().forEach(k -> keys.put(k, true));
            for (String k : keys.keySet()) {
                Versioned a = old.get(k);
                Versioned b = fresh.get(k);
                if (b == null) {
                    changes.add(new StoreChange(k, null, index));
                } else if (!b.equals(a)) {
                    changes.add(new StoreChange(k, b.value(), b.version()));
                }
            }
            data = fresh;
            dedup.clear();
            dedup.putAll(freshDedup);
            appliedIndex = index;
            lastSnapshotIndex = index;
        } finally {
            lock.writeLock().unlock();
        }
        publish(changes);
    }
}
