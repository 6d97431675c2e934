package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.network.Edge;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
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
 * The EDGE keyspace: {@code edge/<network>} records (spec + owner) whose store version is the
 * ownership's epoch, so every change of an EDGE (a move, a new forward) raises it. The only code that
 * knows these keys; emits {@link NetworkEvent}s of the EDGE's network.
 */
@Component(service = EdgeStore.class)
public class EdgeStore {
    static final String PREFIX = "edge/";

    @Reference
    private ConsistentStore store;

    private final EventListeners<NetworkEvent> listeners = new EventListeners<>("EDGE store");
    private final StoreListener storeListener = this::onChange;

    public EdgeStore() {
    }

    /** Outside OSGi (tests). */
    EdgeStore(ConsistentStore store) {
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

    void addListener(Consumer<NetworkEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<NetworkEvent> listener) {
        listeners.remove(listener);
    }

    private void onChange(StoreChange change) {
        if (change.key().startsWith(PREFIX)) {
            listeners.fire(new NetworkEvent(change.value() == null ? NetworkEvent.Kind.REMOVED : NetworkEvent.Kind.CREATED,
                    change.key().substring(PREFIX.length())));
        }
    }

    Edge create(EdgeRecord record) {
        try {
            long epoch = store.put(PREFIX + record.spec().network(), Json.write(record), StoreOp.ABSENT);
            return new Edge(record.spec(), record.owner(), epoch);
        } catch (VersionConflictException e) {
            throw new ConflictException("network '" + record.spec().network() + "' has an EDGE router already");
        }
    }

    /** Rewrites the record conditionally on the epoch read; the new epoch is higher. */
    Edge update(Edge current, EdgeRecord next) {
        try {
            long epoch = store.put(PREFIX + next.spec().network(), Json.write(next), current.epoch());
            return new Edge(next.spec(), next.owner(), epoch);
        } catch (VersionConflictException e) {
            throw new ConflictException("EDGE of network '" + next.spec().network() + "' was changed concurrently; retry");
        }
    }

    /** The write that hands the EDGE to {@code node}, conditional on the epoch it had (lease expiry). */
    StoreOp move(Edge edge, String node) {
        return StoreOp.put(PREFIX + edge.spec().network(), Json.write(new EdgeRecord(edge.spec(), node)), edge.epoch());
    }

    Optional<Edge> get(String network) {
        return store.get(PREFIX + network).map(EdgeStore::edge);
    }

    List<Edge> list() {
        return store.list(PREFIX).stream().map(EdgeStore::edge).toList();
    }

    List<Edge> listLocal() {
        return store.listLocal(PREFIX).stream().map(EdgeStore::edge).toList();
    }

    void delete(Edge edge) {
        try {
            store.delete(PREFIX + edge.spec().network(), edge.epoch());
        } catch (VersionConflictException e) {
            throw new ConflictException("EDGE of network '" + edge.spec().network() + "' was changed concurrently; retry");
        }
    }

    private static Edge edge(Versioned v) {
        EdgeRecord r = Json.read(v.value(), EdgeRecord.class);
        return new Edge(r.spec(), r.owner(), v.version());
    }
}
