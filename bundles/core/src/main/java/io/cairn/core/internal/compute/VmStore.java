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
import io.cairn.core.internal.json.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * VM records and their ownership in the consistent store. Every change is conditional on the
 * version read, so concurrent writers and retried writes cannot clobber each other.
 */
final class VmStore {
    private final ConsistentStore store;

    VmStore(ConsistentStore store) {
        this.store = store;
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

    Optional<Ownership> owner(String name) {
        return store.get(VmKeys.owner(name)).map(VmStore::ownership);
    }

    /** Creates the VM and its ownership in one commit; 409 if the name is taken. */
    Ownership create(Vm vm, String node) {
        try {
            long index = store.commit(List.of(
                    StoreOp.put(VmKeys.vm(vm.name()), Json.write(vm), StoreOp.ABSENT),
                    StoreOp.put(VmKeys.owner(vm.name()), Json.write(new OwnerRecord(vm.id(), node)), StoreOp.ABSENT)));
            return new Ownership(vm.id(), node, index);
        } catch (VersionConflictException e) {
            throw new ConflictException("a VM named '" + vm.name() + "' already exists");
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

    void setPower(Entry entry, PowerState power) {
        try {
            store.put(VmKeys.vm(entry.vm().name()), Json.write(entry.vm().withPower(power)), entry.version());
        } catch (VersionConflictException e) {
            throw new ConflictException("VM '" + entry.vm().name() + "' was changed concurrently; retry");
        }
    }

    /** Removes the VM and its ownership record together, with {@code alongside} (e.g. its annotations) in the same commit. */
    void delete(Entry entry, List<StoreOp> alongside) {
        String name = entry.vm().name();
        List<StoreOp> ops = new ArrayList<>(List.of(StoreOp.delete(VmKeys.vm(name), entry.version()),
                StoreOp.delete(VmKeys.owner(name), StoreOp.ANY)));
        ops.addAll(alongside);
        try {
            store.commit(ops);
        } catch (VersionConflictException e) {
            throw new ConflictException("VM '" + name + "' was changed concurrently; retry");
        }
    }

    /** Linearizable list of all VMs. */
    List<Vm> list() {
        return store.list(VmKeys.VM_PREFIX).stream().map(v -> entry(v).vm()).toList();
    }

    /** Local (possibly stale) view: VMs by name. */
    Map<String, Entry> localVms() {
        Map<String, Entry> out = new HashMap<>();
        store.listLocal(VmKeys.VM_PREFIX).forEach(v -> out.put(VmKeys.nameOf(v.key()), entry(v)));
        return out;
    }

    /** Local (possibly stale) view: ownership by VM name. */
    Map<String, Ownership> localOwners() {
        Map<String, Ownership> out = new HashMap<>();
        store.listLocal(VmKeys.OWNER_PREFIX).forEach(v -> out.put(VmKeys.nameOf(v.key()), ownership(v)));
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
