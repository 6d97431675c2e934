package io.cairn.core.internal.compute;

import io.cairn.api.state.Versioned;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Records decoded once per version: a version is the log index of the write, so the same key at the same version
 * is the same value. Scans of the whole keyspace (placement's committed memory, listings) then decode only what
 * changed since the last scan instead of every record's JSON each time.
 */
final class DecodedRecords<T> {
    private record Decoded<T>(long version, T value) {
    }

    private final Map<String, Decoded<T>> byKey = new ConcurrentHashMap<>();
    private final Function<Versioned, T> decoder;

    DecodedRecords(Function<Versioned, T> decoder) {
        this.decoder = decoder;
    }

    T decode(Versioned v) {
        Decoded<T> known = byKey.get(v.key());
        if (known != null && known.version() == v.version()) {
            return known.value();
        }
        T value = decoder.apply(v);
        byKey.put(v.key(), new Decoded<>(v.version(), value));
        return value;
    }

    /** After a full scan: forgets records whose keys are gone (deleted VMs). */
    void retainOnly(Set<String> keys) {
        if (byKey.size() > keys.size()) {
            byKey.keySet().retainAll(keys);
        }
    }
}
