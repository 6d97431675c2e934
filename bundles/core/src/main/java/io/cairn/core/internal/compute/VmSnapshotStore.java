package io.cairn.core.internal.compute;

import io.cairn.api.common.ConflictException;
import io.cairn.api.compute.VmSnapshot;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The VM snapshot keyspace ({@link VmSnapshotKeys}): snapshot records, the pending request of each
 * VM to its pool's owner, and the origins of clones. The only code that knows these keys; it turns
 * the store's changes of them into {@link VmSnapshotEvent}s. Every change is conditional.
 */
@Component(service = VmSnapshotStore.class)
public class VmSnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(VmSnapshotStore.class);

    @Reference
    private ConsistentStore store;

    private final EventListeners<VmSnapshotEvent> listeners = new EventListeners<>("VM snapshot store");
    private final StoreListener storeListener = this::onChange;

    public VmSnapshotStore() {
    }

    /** Outside OSGi (tests): over {@code store}, listening at once. */
    VmSnapshotStore(ConsistentStore store) {
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

    void addListener(Consumer<VmSnapshotEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<VmSnapshotEvent> listener) {
        listeners.remove(listener);
    }

    private void onChange(StoreChange change) {
        String key = change.key();
        VmSnapshotEvent.Kind kind;
        if (key.startsWith(VmSnapshotKeys.SNAPSHOT)) {
            kind = VmSnapshotEvent.Kind.SNAPSHOT_CHANGED;
        } else if (key.startsWith(VmSnapshotKeys.REQUEST)) {
            kind = VmSnapshotEvent.Kind.REQUEST_CHANGED;
        } else if (key.startsWith(VmSnapshotKeys.ORIGIN)) {
            kind = VmSnapshotEvent.Kind.ORIGIN_CHANGED;
        } else {
            return;
        }
        UUID vmId;
        try {
            vmId = VmSnapshotKeys.vmIdOf(key);
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping key {} of the VM snapshot keyspace: no VM id in it", key);
            return;
        }
        listeners.fire(new VmSnapshotEvent(kind, vmId));
    }

    // ---------------------------------------------------------------- snapshots

    /** Linearizable: the VM's snapshots, oldest first. */
    List<VmSnapshot> snapshots(UUID vmId) {
        return store.list(VmSnapshotKeys.snapshots(vmId)).stream().map(v -> Json.read(v.value(), VmSnapshot.class))
                .sorted(Comparator.comparing(VmSnapshot::created).thenComparing(VmSnapshot::name)).toList();
    }

    Optional<VmSnapshot> snapshot(UUID vmId, String name) {
        return store.get(VmSnapshotKeys.snapshot(vmId, name)).map(v -> Json.read(v.value(), VmSnapshot.class));
    }

    /** The write that records a snapshot; it fails if one of that name is recorded. */
    StoreOp record(VmSnapshot snapshot) {
        return StoreOp.put(VmSnapshotKeys.snapshot(snapshot.vmId(), snapshot.name()), Json.write(snapshot),
                StoreOp.ABSENT);
    }

    /** The write that drops a snapshot's record (whether or not it is there). */
    StoreOp drop(UUID vmId, String name) {
        return StoreOp.delete(VmSnapshotKeys.snapshot(vmId, name), StoreOp.ANY);
    }

    // ---------------------------------------------------------------- clone origins

    /** The write that records what a new clone's disks depend on. */
    StoreOp origin(UUID cloneId, CloneOrigin origin) {
        return StoreOp.put(VmSnapshotKeys.origin(cloneId), Json.write(origin), StoreOp.ABSENT);
    }

    /** Linearizable: the clones whose disks depend on a snapshot of {@code sourceId}. */
    List<CloneOrigin> clonesOf(UUID sourceId) {
        return store.list(VmSnapshotKeys.ORIGIN).stream().map(v -> Json.read(v.value(), CloneOrigin.class))
                .filter(o -> o.sourceId().equals(sourceId)).toList();
    }

    // ---------------------------------------------------------------- requests

    /** A pending request with the store version of its record. */
    record Request(VmSnapshotRequest request, long version) {
    }

    /** Linearizable. */
    Optional<Request> request(UUID vmId) {
        return store.get(VmSnapshotKeys.request(vmId)).map(VmSnapshotStore::request);
    }

    /** From this node's replica: every pending request (the owner's cheap look before a linearizable read). */
    List<Request> localRequests() {
        List<Request> out = new ArrayList<>();
        for (Versioned v : store.listLocal(VmSnapshotKeys.REQUEST)) {
            try {
                out.add(request(v));
            } catch (RuntimeException e) {
                LOG.warn("Skipping {}: not a VM snapshot request ({})", v.key(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * Records a request for the owner of the VM's pool with {@code conditions} (e.g. the VM's record
     * at the version read) in one commit: 409 while another request of the VM is pending, or when a
     * condition failed.
     */
    void request(VmSnapshotRequest request, List<StoreOp> conditions) {
        List<StoreOp> ops = new ArrayList<>(conditions);
        ops.add(StoreOp.put(VmSnapshotKeys.request(request.vmId()), Json.write(request), StoreOp.ABSENT));
        try {
            store.commit(ops);
        } catch (VersionConflictException e) {
            if (e.key().equals(VmSnapshotKeys.request(request.vmId()))) {
                String pending = request(request.vmId()).map(r -> r.request().kind() + " (task " + r.request().id()
                        + ")").orElse("request");
                throw new ConflictException("VM '" + request.vm() + "' already has a " + pending
                        + " of its disks queued or running; wait for its task to end");
            }
            throw new ConflictException("VM '" + request.vm() + "' was changed concurrently; retry");
        }
    }

    /** The write that asks the pool's owner to destroy a deleted VM's disks (replacing any pending request). */
    StoreOp destroyDisks(VmSnapshotRequest request) {
        return StoreOp.put(VmSnapshotKeys.request(request.vmId()), Json.write(request), StoreOp.ANY);
    }

    /**
     * The owner takes a request before acting on it: in one commit under its lease ({@code committer})
     * with {@code ownerCheck} (it still owns the pool at the epoch it holds).
     *
     * @throws VersionConflictException when the request changed or the pool moved (nothing applied)
     */
    Request take(Request request, String node, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        VmSnapshotRequest taken = request.request().takenBy(node);
        long version = committer.applyAsLong(List.of(ownerCheck,
                StoreOp.put(VmSnapshotKeys.request(taken.vmId()), Json.write(taken), request.version())));
        return new Request(taken, version);
    }

    /** The write that removes a request carried out, conditional on it being as taken. */
    StoreOp done(Request taken) {
        return StoreOp.delete(VmSnapshotKeys.request(taken.request().vmId()), taken.version());
    }

    /** Removes a request that ended without an outcome to record; a newer request written meanwhile stays. */
    void finish(Request request) {
        try {
            store.delete(VmSnapshotKeys.request(request.request().vmId()), request.version());
        } catch (VersionConflictException e) {
            LOG.info("Request {} of VM {} was replaced meanwhile; the new one stays", request.request().id(),
                    request.request().vm());
        }
    }

    /**
     * The writes that drop everything of a deleted VM here: its snapshot records, its clone origin and
     * its pending request (linearizable list; to commit with the VM's own deletion).
     */
    List<StoreOp> dropAll(UUID vmId, boolean request) {
        List<StoreOp> ops = new ArrayList<>();
        store.list(VmSnapshotKeys.snapshots(vmId)).forEach(v -> ops.add(StoreOp.delete(v.key(), v.version())));
        ops.add(StoreOp.delete(VmSnapshotKeys.origin(vmId), StoreOp.ANY));
        if (request) {
            ops.add(StoreOp.delete(VmSnapshotKeys.request(vmId), StoreOp.ANY));
        }
        return ops;
    }

    private static Request request(Versioned v) {
        return new Request(Json.read(v.value(), VmSnapshotRequest.class), v.version());
    }
}
