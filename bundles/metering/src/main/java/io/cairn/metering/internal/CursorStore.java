package io.cairn.metering.internal;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.util.Optional;

/**
 * The sink cursor keyspace: {@code sink-cursor/<sink name>} = the interval start before which every record was
 * delivered to that sink. Moved forward only after a delivery returned, so a crash re-delivers, never skips.
 */
@Component(service = CursorStore.class)
public class CursorStore {
    private static final String PREFIX = "sink-cursor/";

    @Reference
    private ConsistentStore store;

    public CursorStore() {
    }

    CursorStore(ConsistentStore store) {
        this.store = store;
    }

    /** A cursor with the store version it was read at. */
    record Cursor(String sink, Instant until, long version) {
    }

    Optional<Cursor> get(String sink) {
        return store.get(PREFIX + sink).map(v -> cursor(sink, v));
    }

    /** Moves the cursor, conditional on the version read ({@link StoreOp#ABSENT} for a new one). */
    Cursor advance(String sink, Instant until, long expectedVersion) {
        long version = store.put(PREFIX + sink, until.toString(), expectedVersion);
        return new Cursor(sink, until, version);
    }

    private static Cursor cursor(String sink, Versioned v) {
        return new Cursor(sink, Instant.parse(v.value()), v.version());
    }
}
