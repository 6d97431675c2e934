package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.core.internal.json.Json;
import io.cairn.core.internal.state.EventListeners;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The storage keyspace ({@link PoolKeys}): pool records, their ownership (node + epoch), whether
 * each was built, and the disks every node offers. The only code that knows these keys; it turns
 * the store's changes of them into {@link PoolStoreEvent}s. Every change is conditional.
 */
@Component(service = PoolStore.class)
public class PoolStore {
    private static final Logger LOG = LoggerFactory.getLogger(PoolStore.class);

    @Reference
    private ConsistentStore store;

    private final EventListeners<PoolStoreEvent> listeners = new EventListeners<>("pool store");
    private final StoreListener storeListener = this::onChange;

    public PoolStore() {
    }

    /** Outside OSGi (tests). */
    PoolStore(ConsistentStore store) {
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

    void addListener(Consumer<PoolStoreEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<PoolStoreEvent> listener) {
        listeners.remove(listener);
    }

    private void onChange(StoreChange change) {
        String key = change.key();
        PoolStoreEvent.Kind kind;
        if (key.startsWith(PoolKeys.POOL)) {
            kind = change.value() == null ? PoolStoreEvent.Kind.REMOVED : PoolStoreEvent.Kind.SPEC_CHANGED;
        } else if (key.startsWith(PoolKeys.OWNER)) {
            kind = PoolStoreEvent.Kind.OWNER_CHANGED;
        } else if (key.startsWith(PoolKeys.BUILT)) {
            kind = PoolStoreEvent.Kind.BUILT;
        } else if (key.startsWith(PoolKeys.DISKS)) {
            kind = PoolStoreEvent.Kind.DISKS_CHANGED;
        } else if (key.startsWith(PoolKeys.REQUEST)) {
            kind = PoolStoreEvent.Kind.REQUEST_CHANGED;
        } else {
            return;
        }
        listeners.fire(new PoolStoreEvent(kind, PoolKeys.nameOf(key)));
    }

    /** Records the pool and its owner in one commit; 409 if the name is taken. */
    PoolOwnership create(Pool pool, String owner) {
        try {
            long index = store.commit(List.of(
                    StoreOp.put(PoolKeys.pool(pool.name()), Json.write(pool), StoreOp.ABSENT),
                    StoreOp.put(PoolKeys.owner(pool.name()), Json.write(new OwnerRecord(pool.name(), owner)), StoreOp.ABSENT)));
            return new PoolOwnership(pool.name(), owner, index);
        } catch (VersionConflictException e) {
            throw new ConflictException("a pool named '" + pool.name() + "' already exists");
        }
    }

    /** A check that {@code pool} is still owned at {@code epoch}: an owner's commits carry it. */
    StoreOp ownedAt(String pool, long epoch) {
        return StoreOp.check(PoolKeys.owner(pool), epoch);
    }

    /** The write that hands {@code pool} to {@code node}, conditional on the epoch it had. */
    StoreOp move(String pool, String node, long epoch) {
        return StoreOp.put(PoolKeys.owner(pool), Json.write(new OwnerRecord(pool, node)), epoch);
    }

    /**
     * Records that the owner built the pool, so every later owner imports it and none creates it
     * again; the ownership record is left as it is (rewriting it would raise the epoch).
     */
    void markBuilt(String pool, PoolOwnership by) {
        try {
            store.commit(List.of(StoreOp.put(PoolKeys.built(pool), Json.write(by), StoreOp.ABSENT)));
        } catch (VersionConflictException e) {
            throw new ConflictException("pool " + pool + " was already recorded as built");
        }
    }

    Optional<PoolOwnership> built(String pool, boolean local) {
        Optional<Versioned> v = local ? store.getLocal(PoolKeys.built(pool)) : store.get(PoolKeys.built(pool));
        return v.map(x -> Json.read(x.value(), PoolOwnership.class));
    }

    Optional<Pool> get(String name) {
        return store.get(PoolKeys.pool(name)).map(v -> Json.read(v.value(), Pool.class));
    }

    Optional<PoolOwnership> owner(String name) {
        return store.get(PoolKeys.owner(name)).map(PoolStore::ownership);
    }

    /** Linearizable: every pool by name. */
    Map<String, Pool> pools() {
        return decodePools(store.list(PoolKeys.POOL));
    }

    Map<String, Pool> localPools() {
        return decodePools(store.listLocal(PoolKeys.POOL));
    }

    Map<String, PoolOwnership> owners() {
        return decodeOwners(store.list(PoolKeys.OWNER));
    }

    Map<String, PoolOwnership> localOwners() {
        return decodeOwners(store.listLocal(PoolKeys.OWNER));
    }

    /** A pending request to a pool's owner with the store version of its record. */
    record Request(PoolRequestRecord request, long version) {
    }

    /** Linearizable. */
    Optional<Request> request(String pool) {
        return store.get(PoolKeys.request(pool)).map(PoolStore::request);
    }

    /** From this node's replica: a cheap look before the linearizable read. */
    Optional<Request> localRequest(String pool) {
        return store.getLocal(PoolKeys.request(pool)).map(PoolStore::request);
    }

    /**
     * Records a request for the pool's owner, conditional on the owner's epoch that was checked and on
     * no other request pending: 409 naming the pending one's task, or the ownership change.
     */
    void request(String pool, long ownerEpoch, PoolRequestRecord request) {
        try {
            store.commit(List.of(StoreOp.check(PoolKeys.owner(pool), ownerEpoch),
                    StoreOp.put(PoolKeys.request(pool), Json.write(request), StoreOp.ABSENT)));
        } catch (VersionConflictException e) {
            if (e.key().equals(PoolKeys.request(pool))) {
                String pending = request(pool).map(r -> r.request().kind() + " (task " + r.request().id() + ")")
                        .orElse("request");
                throw new ConflictException("pool '" + pool + "' already has a " + pending
                        + " queued or running; wait for its task to end");
            }
            throw new ConflictException("the owner of pool '" + pool + "' changed meanwhile; retry");
        }
    }

    /**
     * The owner takes a request before acting on it: in one commit under its lease
     * ({@code committer}) with a check that it still owns the pool at {@code ownerEpoch}.
     *
     * @throws VersionConflictException when the request changed or the pool moved (nothing applied)
     */
    Request take(String pool, Request request, String node, long ownerEpoch, ToLongFunction<List<StoreOp>> committer) {
        PoolRequestRecord taken = request.request().takenBy(node);
        long version = committer.applyAsLong(List.of(StoreOp.check(PoolKeys.owner(pool), ownerEpoch),
                StoreOp.put(PoolKeys.request(pool), Json.write(taken), request.version())));
        return new Request(taken, version);
    }

    /**
     * Removes the pool's records (pool, owner, built, the taken delete request) in one commit under
     * the owner's lease ({@code committer}), conditional on the owner's epoch and on the request as
     * taken: the last step of a deletion, after the owner destroyed the pool.
     */
    void remove(String pool, long ownerEpoch, Request taken, ToLongFunction<List<StoreOp>> committer) {
        remove(pool, ownerEpoch, taken, List.of(), committer);
    }

    /** As {@link #remove(String, long, Request, ToLongFunction)}, with the removal of records that go with the pool. */
    void remove(String pool, long ownerEpoch, Request taken, List<StoreOp> alsoRemoved,
                ToLongFunction<List<StoreOp>> committer) {
        List<StoreOp> ops = new java.util.ArrayList<>(List.of(
                StoreOp.delete(PoolKeys.owner(pool), ownerEpoch),
                StoreOp.delete(PoolKeys.request(pool), taken.version()),
                StoreOp.delete(PoolKeys.pool(pool), StoreOp.ANY),
                StoreOp.delete(PoolKeys.built(pool), StoreOp.ANY)));
        ops.addAll(alsoRemoved);
        committer.applyAsLong(ops);
    }

    /** A condition that {@code pool} is still owned at {@code epoch}, changing nothing. */
    StoreOp ownerCheck(String pool, long epoch) {
        return StoreOp.check(PoolKeys.owner(pool), epoch);
    }

    /**
     * The last step of a move: the pool's ownership handed to {@code target} (a new, higher epoch) and
     * the taken move request removed, in one commit under the owner's lease ({@code committer}),
     * conditional on the owner's epoch and on the request as taken.
     */
    void handOver(String pool, String target, long ownerEpoch, Request taken, ToLongFunction<List<StoreOp>> committer) {
        committer.applyAsLong(List.of(move(pool, target, ownerEpoch),
                StoreOp.delete(PoolKeys.request(pool), taken.version())));
    }

    /** Removes a request once carried out; a newer request written meanwhile stays. */
    void finish(String pool, Request request) {
        try {
            store.delete(PoolKeys.request(pool), request.version());
        } catch (VersionConflictException e) {
            LOG.info("Request {} of pool {} was replaced meanwhile; the new one stays", request.request().id(), pool);
        }
    }

    private static Request request(Versioned v) {
        return new Request(Json.read(v.value(), PoolRequestRecord.class), v.version());
    }

    /** Publishes the disks {@code node} offers (unconditional: only that node writes its record). */
    void publishDisks(DisksRecord disks) {
        Optional<Versioned> current = store.get(PoolKeys.disks(disks.node()));
        if (current.isPresent() && Json.read(current.get().value(), DisksRecord.class).equals(disks)) {
            return;
        }
        store.put(PoolKeys.disks(disks.node()), Json.write(disks), StoreOp.ANY);
    }

    /** Linearizable: the disks of every node that published them. */
    Map<String, DisksRecord> disks() {
        Map<String, DisksRecord> out = new TreeMap<>();
        store.list(PoolKeys.DISKS).forEach(v -> out.put(PoolKeys.nameOf(v.key()), Json.read(v.value(), DisksRecord.class)));
        return out;
    }

    private static Map<String, Pool> decodePools(List<Versioned> raw) {
        Map<String, Pool> out = new TreeMap<>();
        raw.forEach(v -> out.put(PoolKeys.nameOf(v.key()), Json.read(v.value(), Pool.class)));
        return out;
    }

    private static Map<String, PoolOwnership> decodeOwners(List<Versioned> raw) {
        Map<String, PoolOwnership> out = new TreeMap<>();
        raw.forEach(v -> out.put(PoolKeys.nameOf(v.key()), ownership(v)));
        return out;
    }

    private static PoolOwnership ownership(Versioned v) {
        return Json.read(v.value(), OwnerRecord.class).withEpoch(v.version());
    }
}
