package io.cairn.core.internal.fencing;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.json.Json;
import io.cairn.core.internal.state.EventListeners;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lease keyspace ({@code lease/<node>}): the only code that knows its keys and record. Turns
 * the store's changes of that prefix into {@link LeaseEvent}s, so renewals wake the lease
 * reaper and nobody else.
 */
@Component(service = LeaseStore.class)
public class LeaseStore {
    /** The keyspace's prefix, for code that must leave leases out (backups). */
    public static final String PREFIX = LeaseRecord.PREFIX;

    @Reference
    private ConsistentStore store;

    private final EventListeners<LeaseEvent> listeners = new EventListeners<>("Lease store");
    private final StoreListener storeListener = this::onChange;

    /** A lease was renewed (or given a grace), or removed (expired). */
    public record LeaseEvent(String node, long version, long graceMs, boolean removed) {
    }

    public LeaseStore() {
    }

    LeaseStore(ConsistentStore store) {
        this.store = store;
        activate();
    }

    @Activate
    void activate() {
        store.addListener(storeListener);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
    }

    public void addListener(Consumer<LeaseEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<LeaseEvent> listener) {
        listeners.remove(listener);
    }

    /** Linearizable read of a node's lease record version, if it has one. */
    Optional<Versioned> get(String node) {
        return store.get(LeaseRecord.key(node));
    }

    /** Every lease in the local replica, as events (for a reaper starting up). */
    List<LeaseEvent> local() {
        return store.listLocal(LeaseRecord.PREFIX).stream().map(v -> event(v.key(), v.value(), v.version())).toList();
    }

    /** The write that renews {@code node}'s lease, conditional on {@code expectedVersion}. */
    StoreOp renewal(String node, String session, long graceMs, long expectedVersion) {
        return StoreOp.put(LeaseRecord.key(node), Json.write(new LeaseRecord(node, session, graceMs)), expectedVersion);
    }

    /** The write that expires {@code node}'s lease, conditional on the version last seen. */
    StoreOp expiry(String node, long seenVersion) {
        return StoreOp.delete(LeaseRecord.key(node), seenVersion);
    }

    /** True when a failed condition was about this node's lease. */
    boolean isLeaseOf(String node, String key) {
        return LeaseRecord.key(node).equals(key);
    }

    long commit(List<StoreOp> ops) {
        return store.commit(ops);
    }

    String leader() {
        return store.health().leader();
    }

    private void onChange(StoreChange change) {
        if (!change.key().startsWith(LeaseRecord.PREFIX)) {
            return;
        }
        LeaseEvent event = event(change.key(), change.value(), change.version());
        listeners.fire(event);
    }

    private static LeaseEvent event(String key, String value, long version) {
        String node = key.substring(LeaseRecord.PREFIX.length());
        if (value == null) {
            return new LeaseEvent(node, version, 0, true);
        }
        return new LeaseEvent(node, version, Json.read(value, LeaseRecord.class).graceMs(), false);
    }
}
