package io.cairn.testing;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreHealth;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single-copy {@link ConsistentStore} for unit tests that honours the same contract as
 * the Raft store: atomic batches whose conditions are all checked before any op applies,
 * versions = the commit's index (so epochs only grow), listeners fired per applied key.
 * {@link #cutOff(boolean)} makes it answer like a minority node (writes and linearizable reads
 * refused with {@link UnavailableException}).
 */
public final class InMemoryConsistentStore implements ConsistentStore {
    private final TreeMap<String, Versioned> data = new TreeMap<>();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private long index;
    private volatile boolean cutOff;
    private volatile boolean readsTimeOut;
    private final String member;
    private volatile String leader;

    public InMemoryConsistentStore(String member) {
        this.member = member;
        this.leader = member;
    }

    /** The Raft leader this store reports in {@link #health()} (null: none elected). */
    public void leader(String value) {
        leader = value;
    }

    public void cutOff(boolean value) {
        cutOff = value;
    }

    /**
     * Linearizable reads time out (503) while the node still reaches a majority and stays
     * writable: a slow ReadIndex, never a reason to answer from the replica.
     */
    public void readsTimeOut(boolean value) {
        readsTimeOut = value;
    }

    @Override
    public long commit(List<StoreOp> ops) {
        List<StoreChange> applied = new ArrayList<>();
        long at;
        synchronized (this) {
            reachable();
            for (StoreOp op : ops) {
                Versioned current = data.get(op.key());
                long actual = current == null ? StoreOp.ABSENT : current.version();
                if (op.expectedVersion() != StoreOp.ANY && op.expectedVersion() != actual) {
                    throw new VersionConflictException(op.key(), op.expectedVersion(), actual);
                }
            }
            at = ++index;
            for (StoreOp op : ops) {
                if (op.checkOnly()) {
                    continue;
                }
                if (op.value() == null) {
                    data.remove(op.key());
                } else {
                    data.put(op.key(), new Versioned(op.key(), op.value(), at));
                }
                applied.add(new StoreChange(op.key(), op.value(), at));
            }
        }
        applied.forEach(c -> listeners.forEach(l -> l.changed(c)));
        return at;
    }

    @Override
    public synchronized Optional<Versioned> get(String key) {
        readable();
        return getLocal(key);
    }

    @Override
    public synchronized List<Versioned> list(String prefix) {
        readable();
        return listLocal(prefix);
    }

    @Override
    public synchronized Optional<Versioned> getLocal(String key) {
        return Optional.ofNullable(data.get(key));
    }

    @Override
    public synchronized List<Versioned> listLocal(String prefix) {
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
    public synchronized StoreHealth health() {
        return new StoreHealth(member, cutOff ? null : leader, List.of(member), !cutOff, index, index, 0);
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    private void readable() {
        reachable();
        if (readsTimeOut) {
            throw new UnavailableException("read timed out after 5000 ms (this node " + member + " is FOLLOWER, leader "
                    + leader + ", sees 3 of 3 voters)");
        }
    }

    private void reachable() {
        if (cutOff) {
            throw new UnavailableException("no Raft majority reachable: this node (" + member + ") sees 1 of 3 voters");
        }
    }
}
