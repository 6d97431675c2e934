package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The replicated data: a sorted map key → (value, version), where a version is the Raft log index of the entry that
 * wrote it, and a bounded table of request ids → encoded results, so that a retried request applies once. Pure: it
 * knows nothing of Raft; {@link KvStateMachine} feeds it committed entries in log order.
 */
public final class KvState {
    private static final int SNAPSHOT_MAGIC = 0xCA1A5A02;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final int dedupCapacity;
    private NavigableMap<String, Versioned> data = new TreeMap<>();
    private final LinkedHashMap<UUID, byte[]> dedup = new LinkedHashMap<>();

    public KvState(int dedupCapacity) {
        if (dedupCapacity < 1) {
            throw new IllegalArgumentException("dedupCapacity must be positive, was " + dedupCapacity);
        }
        this.dedupCapacity = dedupCapacity;
    }

    /**
     * Applies one committed command at {@code index}; returns its encoded result. A request id seen before returns
     * the first result and changes nothing. Conditions are checked against the state before the batch: a failing
     * one applies nothing and reports the first failing key.
     */
    public byte[] apply(long index, Codec.Command cmd, List<StoreChange> changes) {
        lock.writeLock().lock();
        try {
            if (cmd.type() == Codec.CMD_NOOP) {
                return Codec.ok(index); // a read barrier: idempotent, kept out of the dedup cache
            }
            byte[] previous = cmd.requestId() == null ? null : dedup.get(cmd.requestId());
            if (previous != null) {
                return previous;
            }
            byte[] result = applyWrite(index, cmd.ops(), changes);
            if (cmd.requestId() != null) {
                dedup.put(cmd.requestId(), result);
                if (dedup.size() > dedupCapacity) {
                    Iterator<UUID> it = dedup.keySet().iterator();
                    it.next();
                    it.remove();
                }
            }
            return result;
        } finally {
            lock.writeLock().unlock();
        }
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
            if (op.checkOnly()) {
                continue;
            }
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

    /** Answers a read command (get or list) from the current state. */
    public byte[] read(Codec.Command cmd) {
        if (cmd.type() == Codec.CMD_GET) {
            return Codec.read(get(cmd.key()).map(List::of).orElse(List.of()));
        }
        if (cmd.type() == Codec.CMD_LIST) {
            return Codec.read(list(cmd.key()));
        }
        if (cmd.type() == Codec.CMD_GET_ALL) {
            return Codec.read(getAll(cmd.keys()));
        }
        throw new IllegalArgumentException("not a read: " + cmd.type());
    }

    public Optional<Versioned> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(data.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The values of those {@code keys} that exist, in the order asked, all as of one applied index. */
    public List<Versioned> getAll(List<String> keys) {
        lock.readLock().lock();
        try {
            List<Versioned> out = new ArrayList<>(keys.size());
            for (String key : keys) {
                Versioned v = data.get(key);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<Versioned> list(String prefix) {
        lock.readLock().lock();
        try {
            List<Versioned> out = new ArrayList<>();
            for (Map.Entry<String, Versioned> e : data.tailMap(prefix, true).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                out.add(e.getValue());
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return data.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The whole state (data and dedup table) as bytes, for a snapshot. */
    public byte[] serialize() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(bytes);
            lock.readLock().lock();
            try {
                d.writeInt(SNAPSHOT_MAGIC);
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
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the state", e);
        }
    }

    /**
     * Replaces the state with a serialized one; {@code changes} receives one change per key that differs (deletions
     * with value null, at {@code index}), in key order.
     */
    public void replace(byte[] body, long index, List<StoreChange> changes) throws IOException {
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(body));
        if (d.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a Cairn store snapshot");
        }
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
            int len = d.readInt();
            if (len < 0 || len > 1 << 20) {
                throw new IOException("bad dedup entry length " + len);
            }
            byte[] r = new byte[len];
            d.readFully(r);
            freshDedup.put(id, r);
        }
        lock.writeLock().lock();
        try {
            TreeMap<String, Boolean> keys = new TreeMap<>();
            data.keySet().forEach(k -> keys.put(k, true));
            fresh.keySet().forEach(k -> keys.put(k, true));
            for (String k : keys.keySet()) {
                Versioned a = data.get(k);
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
        } finally {
            lock.writeLock().unlock();
        }
    }
}
