package io.cairn.core.internal.compute;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreHealth;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The store's conditional-batch semantics in one map, for tests of the keyspace classes. */
final class InMemoryConsistentStore implements ConsistentStore {
    private final TreeMap<String, Versioned> data = new TreeMap<>();
    private long index;

    @Override
    public synchronized long commit(List<StoreOp> ops) {
        long next = index + 1;
        for (StoreOp op : ops) {
            Versioned cur = data.get(op.key());
            long actual = cur == null ? 0 : cur.version();
            if (op.expectedVersion() != StoreOp.ANY && op.expectedVersion() != actual) {
                index = next;
                throw new VersionConflictException(op.key(), op.expectedVersion(), actual);
            }
        }
        for (StoreOp op : ops) {
            if (op.value() == null) {
                data.remove(op.key());
            } else {
                data.put(op.key(), new Versioned(op.key(), op.value(), next));
            }
        }
        index = next;
        return next;
    }

    @Override
    public synchronized Optional<Versioned> get(String key) {
        return Optional.ofNullable(data.get(key));
    }

    @Override
    public synchronized List<Versioned> list(String prefix) {
        List<Versioned> out = new ArrayList<>();
        for (Versioned v : data.tailMap(prefix, true).values()) {
            if (!v.key().startsWith(prefix)) {
                break;
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public Optional<Versioned> getLocal(String key) {
        return get(key);
    }

    @Override
    public List<Versioned> listLocal(String prefix) {
        return list(prefix);
    }

    @Override
    public StoreHealth health() {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void addListener(StoreListener listener) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void removeListener(StoreListener listener) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    synchronized List<String> keys() {
        return List.copyOf(data.keySet());
    }
}
