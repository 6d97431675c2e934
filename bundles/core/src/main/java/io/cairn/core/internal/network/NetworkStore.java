package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.network.Network;
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
 * The network keyspace: {@code network/<name>} records in the consistent store. The only code that
 * knows these keys; it turns the store's changes of them into {@link NetworkEvent}s. Writes are
 * conditional (create on absence, delete on the version read).
 */
@Component(service = NetworkStore.class)
public class NetworkStore {
    static final String PREFIX = "network/";

    @Reference
    private ConsistentStore store;

    private final EventListeners<NetworkEvent> listeners = new EventListeners<>("network store");
    private final StoreListener storeListener = this::onChange;

    public NetworkStore() {
    }

    /** Outside OSGi (tests). */
    public NetworkStore(ConsistentStore store) {
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

    /** A network with the store version of its record. */
    record Entry(Network network, long version) {
    }

    /** Records a new network; 409 if the name is taken. */
    void create(Network network) {
        try {
            store.put(PREFIX + network.name(), Json.write(network), StoreOp.ABSENT);
        } catch (VersionConflictException e) {
            throw new ConflictException("a network named '" + network.name() + "' already exists");
        }
    }

    Optional<Entry> get(String name) {
        return store.get(PREFIX + name).map(NetworkStore::entry);
    }

    /** Linearizable list, by name. */
    List<Entry> list() {
        return store.list(PREFIX).stream().map(NetworkStore::entry).toList();
    }

    /** Local (possibly stale) read. */
    Optional<Entry> getLocal(String name) {
        return store.getLocal(PREFIX + name).map(NetworkStore::entry);
    }

    void delete(Entry entry) {
        try {
            store.delete(PREFIX + entry.network().name(), entry.version());
        } catch (VersionConflictException e) {
            throw new ConflictException("network '" + entry.network().name() + "' was changed concurrently; retry");
        }
    }

    private static Entry entry(Versioned v) {
        return new Entry(Json.read(v.value(), Network.class), v.version());
    }
}
