package io.cairn.core.internal.compute;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.core.internal.json.Json;
import io.cairn.core.internal.state.EventListeners;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The VM keyspace: VM records ({@code vm/}), their ownership ({@code owner/}) and pending
 * requests ({@code request/}) in the consistent store. The only code that knows these keys; it
 * turns the store's changes of them into {@link VmEvent}s, so VM work wakes only for VM changes.
 * Every change is conditional on the version read, so concurrent writers and retried writes
 * cannot clobber each other.
 */
@Component(service = VmStore.class)
public class VmStore {

    @Reference
    private ConsistentStore store;

    private final EventListeners<VmEvent> listeners = new EventListeners<>("VM store");
    private final StoreListener storeListener = this::onChange;
    private final DecodedRecords<Entry> vmRecords = new DecodedRecords<>(VmStore::entry);
    private final DecodedRecords<Ownership> ownerRecords = new DecodedRecords<>(VmStore::ownership);
    private final CommittedMemory memory = new CommittedMemory();

    public VmStore() {
    }

    /** Outside OSGi (tests): over {@code store}, listening at once. */
    VmStore(ConsistentStore store) {
        this.store = store;
        activate();
    }

    @Activate
    void activate() {
        store.addListener(storeListener);
        // every change from here on reaches onChange; the scan covers what was applied before
        memory.floor(store.health().appliedIndex());
        for (Versioned v : store.listLocal(VmKeys.VM_PREFIX)) {
            memory.scannedVm(VmKeys.nameOf(v.key()), vmRecords.decode(v).vm().spec().memoryMiB(), v.version());
        }
        for (Versioned v : store.listLocal(VmKeys.OWNER_PREFIX)) {
            memory.scannedOwner(VmKeys.nameOf(v.key()), ownerRecords.decode(v).node(), v.version());
        }
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
    }

    void addListener(Consumer<VmEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<VmEvent> listener) {
        listeners.remove(listener);
    }

    private void onChange(StoreChange change) {
        String key = change.key();
        VmEvent.Kind kind;
        if (key.startsWith(VmKeys.VM_PREFIX)) {
            kind = change.value() == null ? VmEvent.Kind.REMOVED : VmEvent.Kind.SPEC_CHANGED;
            memory.vm(VmKeys.nameOf(key), change.value() == null ? null
                    : vmRecords.decode(versioned(change)).vm().spec().memoryMiB(), change.version());
        } else if (key.startsWith(VmKeys.OWNER_PREFIX)) {
            kind = VmEvent.Kind.OWNER_CHANGED;
            memory.owner(VmKeys.nameOf(key), change.value() == null ? null
                    : ownerRecords.decode(versioned(change)).node(), change.version());
        } else if (key.startsWith(VmKeys.REQUEST_PREFIX)) {
            kind = VmEvent.Kind.REQUEST_CHANGED;
        } else {
            return;
        }
        VmEvent event = new VmEvent(kind, VmKeys.nameOf(key));
        listeners.fire(event);
    }

    private static Versioned versioned(StoreChange change) {
        return new Versioned(change.key(), change.value(), change.version());
    }

    /**
     * Memory committed to each node by the VMs it owns (any power state), as the changes delivered so far have it;
     * a copy the caller may add to.
     */
    Map<String, Long> committedMemory() {
        return memory.byNode();
    }

    /** The write that hands {@code name} to {@code node}, conditional on the epoch it had. */
    StoreOp move(String name, java.util.UUID vmId, String node, long epoch) {
        return StoreOp.put(VmKeys.owner(name), Json.write(new OwnerRecord(vmId, node)), epoch);
    }

    /** A condition that {@code name} is still owned at {@code epoch}, changing nothing (see {@link OwnerFence}). */
    StoreOp ownerCheck(String name, long epoch) {
        return StoreOp.check(VmKeys.owner(name), epoch);
    }

    /** The VM whose ownership record {@code key} is, if it is one. */
    Optional<String> ownerKeyVm(String key) {
        return key.startsWith(VmKeys.OWNER_PREFIX) ? Optional.of(VmKeys.nameOf(key)) : Optional.empty();
    }

    /** A VM with the store version of its record. */
    record Entry(Vm vm, long version) {
    }

    Optional<Entry> get(String name) {
        return store.get(VmKeys.vm(name)).map(VmStore::entry);
    }

    Entry require(String name) {
        return get(name).orElseThrow(() -> new NotFoundException("no VM named '" + name + "'"));
    }

    /**
     * The VM as this node's replica has it, for a write whose commit is conditional on the version read, so a stale
     * version fails that commit and never lands (saves the read's round to the leader). Read linearizably when the
     * replica lacks it (created through another node a moment ago); a refusal must be confirmed by {@link #require}.
     */
    Entry requireForUpdate(String name) {
        return store.getLocal(VmKeys.vm(name)).map(VmStore::entry).orElseGet(() -> require(name));
    }

    /** The owner as this node's replica has it (informative uses: the node a task is reported for). */
    Optional<Ownership> localOwner(String name) {
        return store.getLocal(VmKeys.owner(name)).map(VmStore::ownership);
    }

    Optional<Ownership> owner(String name) {
        return store.get(VmKeys.owner(name)).map(VmStore::ownership);
    }

    /** A VM's records as one read found them; each absent when it does not exist. */
    record Current(Optional<Entry> entry, Optional<Ownership> owner, Optional<Request> request) {
    }

    /** The VM, its owner and its pending request in one linearizable read (one round instead of three). */
    Current current(String name) {
        Map<String, Versioned> found = store.getAll(List.of(VmKeys.vm(name), VmKeys.owner(name), VmKeys.request(name)));
        return new Current(Optional.ofNullable(found.get(VmKeys.vm(name))).map(vmRecords::decode),
                Optional.ofNullable(found.get(VmKeys.owner(name))).map(ownerRecords::decode),
                Optional.ofNullable(found.get(VmKeys.request(name))).map(VmStore::request));
    }

    /** As {@link #current}, from this node's replica (possibly stale). */
    Current localCurrent(String name) {
        return new Current(store.getLocal(VmKeys.vm(name)).map(vmRecords::decode),
                store.getLocal(VmKeys.owner(name)).map(ownerRecords::decode),
                store.getLocal(VmKeys.request(name)).map(VmStore::request));
    }

    /** Creates the VM and its ownership in one commit; 409 if the name is taken. */
    Ownership create(Vm vm, String node) {
        return create(vm, node, List.of(), List.of());
    }

    /**
     * Creates the VM with {@code guard} (the admissions' ops: an {@link #admitted} op, their conditions, or none)
     * and {@code alongside} in the same commit.
     */
    Ownership create(Vm vm, String node, List<StoreOp> guard, List<StoreOp> alongside) {
        List<StoreOp> ops = new ArrayList<>(guard);
        ops.addAll(alongside);
        ops.add(StoreOp.put(VmKeys.vm(vm.name()), Json.write(vm), StoreOp.ABSENT));
        ops.add(StoreOp.put(VmKeys.owner(vm.name()), Json.write(new OwnerRecord(vm.id(), node)), StoreOp.ABSENT));
        try {
            long index = store.commit(ops);
            return new Ownership(vm.id(), node, index);
        } catch (VersionConflictException e) {
            raced(e, guard);
            throw new ConflictException("a VM named '" + vm.name() + "' already exists");
        }
    }

    /**
     * Thrown when the admission's view no longer holds at the commit: another admitted create or start committed
     * after it read its view, or a condition of an admission's replica decision failed (see
     * {@link io.cairn.api.compute.VmAdmission#localActivity()}).
     */
    static final class AdmissionRaced extends RuntimeException {
        AdmissionRaced() {
            super("another VM was admitted meanwhile", null, false, false);
        }
    }

    /**
     * The version of the admission guard, read (linearizably) before the VMs that an admission
     * counts: an admitted change committed after this read bumps it, and {@link #admitted} then fails.
     */
    long admissionVersion() {
        return store.get(VmKeys.ADMISSION).map(Versioned::version).orElse(StoreOp.ABSENT);
    }

    /** The op that lands an admission decided at {@code version} of the guard, and bumps it. */
    static StoreOp admitted(long version) {
        return StoreOp.put(VmKeys.ADMISSION, "{}", version);
    }

    private static void raced(VersionConflictException e, List<StoreOp> guard) {
        if (guard.stream().anyMatch(op -> op.key().equals(e.key()))) {
            throw new AdmissionRaced();
        }
    }

    /**
     * The owner's fencing step before it acts: rewrites its ownership record conditionally on the
     * epoch it holds, which yields a new, higher epoch, in the same commit as a renewal of the
     * owner's lease (through {@code committer}). Refused if anyone moved the VM or expired the lease.
     */
    Ownership claim(String name, Ownership owner, ToLongFunction<List<StoreOp>> committer) {
        try {
            long epoch = committer.applyAsLong(List.of(StoreOp.put(VmKeys.owner(name),
                    Json.write(new OwnerRecord(owner.vmId(), owner.node())), owner.epoch())));
            return new Ownership(owner.vmId(), owner.node(), epoch);
        } catch (VersionConflictException e) {
            throw new ConflictException("ownership of VM '" + name + "' refused: epoch " + owner.epoch()
                    + " held by " + owner.node() + " is stale or its lease expired (" + e.getMessage() + ")");
        }
    }

    /** Sets the wanted power; 409 when the VM's record is no longer at the version read. */
    void setPower(Entry entry, PowerState power) {
        if (!trySetPower(entry, power, List.of())) {
            throw new ConflictException("VM '" + entry.vm().name() + "' was changed concurrently; retry");
        }
    }

    /**
     * Sets the wanted power with {@code guard} (an {@link #admitted} op, or none) in the same commit; false when
     * the VM's record is no longer at the version read.
     */
    boolean trySetPower(Entry entry, PowerState power, List<StoreOp> guard) {
        List<StoreOp> ops = new ArrayList<>(guard);
        ops.add(StoreOp.put(VmKeys.vm(entry.vm().name()), Json.write(entry.vm().withPower(power)), entry.version()));
        try {
            store.commit(ops);
            return true;
        } catch (VersionConflictException e) {
            raced(e, guard);
            return false;
        }
    }

    /** A condition that the VM's record is still at the version read, changing nothing. */
    StoreOp unchanged(Entry entry) {
        return StoreOp.check(VmKeys.vm(entry.vm().name()), entry.version());
    }

    /** The write that replaces the VM's record by {@code next}, conditional on the version read. */
    StoreOp replace(Entry entry, Vm next) {
        return StoreOp.put(VmKeys.vm(entry.vm().name()), Json.write(next), entry.version());
    }

    /** A pending request with the store version of its record. */
    record Request(VmRequestRecord request, long version) {
    }

    Optional<Request> request(String name) {
        return store.get(VmKeys.request(name)).map(VmStore::request);
    }

    Optional<Request> localRequest(String name) {
        return store.getLocal(VmKeys.request(name)).map(VmStore::request);
    }

    private static Request request(Versioned v) {
        return new Request(Json.read(v.value(), VmRequestRecord.class), v.version());
    }

    /**
     * Records a request for the owner in one commit with the VM's new record ({@code next}),
     * conditional on the version read: a VM deleted or changed meanwhile refuses it.
     */
    void request(Entry entry, Vm next, VmRequestRecord request) {
        String name = entry.vm().name();
        try {
            store.commit(List.of(StoreOp.put(VmKeys.vm(name), Json.write(next), entry.version()),
                    StoreOp.put(VmKeys.request(name), Json.write(request), StoreOp.ANY)));
        } catch (VersionConflictException e) {
            throw new ConflictException("VM '" + name + "' was changed concurrently; retry");
        }
    }

    /** The owner takes a request before acting on it, under its lease (see {@link #claim}). */
    Request take(String name, Request request, String node, ToLongFunction<List<StoreOp>> committer) {
        VmRequestRecord taken = request.request().takenBy(node);
        long version = committer.applyAsLong(List.of(StoreOp.put(VmKeys.request(name), Json.write(taken),
                request.version())));
        return new Request(taken, version);
    }

    /** Removes a request once carried out; a newer request written meanwhile stays. */
    void finish(String name, Request request) {
        try {
            store.delete(VmKeys.request(name), request.version());
        } catch (VersionConflictException e) {
            // a new request replaced it: it stays for the next pass
        }
    }

    /**
     * Removes the VM, its ownership record and any pending request together, with {@code alongside}
     * (e.g. its annotations) in the same commit.
     */
    void delete(Entry entry, List<StoreOp> alongside) {
        String name = entry.vm().name();
        List<StoreOp> ops = new ArrayList<>(List.of(StoreOp.delete(VmKeys.vm(name), entry.version()),
                StoreOp.delete(VmKeys.owner(name), StoreOp.ANY),
                StoreOp.delete(VmKeys.request(name), StoreOp.ANY)));
        ops.addAll(alongside);
        try {
            store.commit(ops);
        } catch (VersionConflictException e) {
            throw new ConflictException("VM '" + name + "' was changed concurrently; retry");
        }
    }

    /**
     * VMs in name order after {@code afterName} (null: from the first), linearizable unless
     * {@code local}; records are decoded only past the cursor.
     */
    List<Entry> listAfter(String afterName, boolean local) {
        List<Versioned> raw = local ? store.listLocal(VmKeys.VM_PREFIX) : store.list(VmKeys.VM_PREFIX);
        String after = afterName == null ? null : VmKeys.vm(afterName);
        List<Entry> out = new java.util.ArrayList<>();
        for (Versioned v : raw) {
            if (after == null || v.key().compareTo(after) > 0) {
                out.add(vmRecords.decode(v));
            }
        }
        return out;
    }

    /** Linearizable list of all VMs. */
    List<Vm> list() {
        return store.list(VmKeys.VM_PREFIX).stream().map(v -> vmRecords.decode(v).vm()).toList();
    }

    /**
     * True when this node cannot reach a majority: only then may a read fall back to the local
     * replica. A node that reaches a majority answers linearizably or not at all.
     */
    boolean cutOff() {
        return !store.health().writable();
    }

    /** Local (possibly stale) view: VMs by name. */
    Map<String, Entry> localVms() {
        Map<String, Entry> out = new HashMap<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        store.listLocal(VmKeys.VM_PREFIX).forEach(v -> {
            keys.add(v.key());
            out.put(VmKeys.nameOf(v.key()), vmRecords.decode(v));
        });
        vmRecords.retainOnly(keys);
        return out;
    }

    /** Local (possibly stale) view: ownership by VM name. */
    Map<String, Ownership> localOwners() {
        Map<String, Ownership> out = new HashMap<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        store.listLocal(VmKeys.OWNER_PREFIX).forEach(v -> {
            keys.add(v.key());
            out.put(VmKeys.nameOf(v.key()), ownerRecords.decode(v));
        });
        ownerRecords.retainOnly(keys);
        return out;
    }

    Map<String, Ownership> owners() {
        Map<String, Ownership> out = new HashMap<>();
        store.list(VmKeys.OWNER_PREFIX).forEach(v -> out.put(VmKeys.nameOf(v.key()), ownership(v)));
        return out;
    }

    private static Entry entry(Versioned v) {
        return new Entry(Json.read(v.value(), Vm.class), v.version());
    }

    private static Ownership ownership(Versioned v) {
        return Json.read(v.value(), OwnerRecord.class).withEpoch(v.version());
    }
}
