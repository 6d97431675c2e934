package io.cairn.api.state;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replicated key-value store with conditional writes. Writes return only after a majority of
 * voters has the entry durably (fsynced) in its log. Values are JSON text.
 *
 * <p>Errors: {@link VersionConflictException} when a condition fails (nothing applied);
 * {@link io.cairn.api.common.UnavailableException} when no majority can be reached or the write
 * timed out. A timed-out write may still commit: callers make writes conditional so a retry is
 * safe.
 */
public interface ConsistentStore {
    /** Applies all ops atomically or none; returns the log index of the commit. */
    long commit(List<StoreOp> ops);

    default long put(String key, String value, long expectedVersion) {
        return commit(List.of(StoreOp.put(key, value, expectedVersion)));
    }

    default long delete(String key, long expectedVersion) {
        return commit(List.of(StoreOp.delete(key, expectedVersion)));
    }

    /** Linearizable read: reflects every write acknowledged before the call. */
    Optional<Versioned> get(String key);

    /**
     * Linearizable read of several keys: the values of those that exist, by key, in the order asked. A store may
     * answer all from one point of its log in one round (the default reads them one after the other, each
     * linearizable).
     */
    default Map<String, Versioned> getAll(Collection<String> keys) {
        Map<String, Versioned> out = new LinkedHashMap<>();
        for (String key : keys) {
            get(key).ifPresent(v -> out.put(key, v));
        }
        return out;
    }

    /** Linearizable read of every key starting with {@code prefix}, sorted by key. */
    List<Versioned> list(String prefix);

    /** Local read without a round trip; as stale as {@link StoreHealth#stalenessMillis()}. */
    Optional<Versioned> getLocal(String key);

    List<Versioned> listLocal(String prefix);

    StoreHealth health();

    void addListener(StoreListener listener);

    void removeListener(StoreListener listener);
}
