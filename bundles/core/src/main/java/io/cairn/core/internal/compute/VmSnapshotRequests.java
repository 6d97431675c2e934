package io.cairn.core.internal.compute;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.task.Task;
import io.cairn.core.internal.storage.PoolOwnerFence;
import io.cairn.core.internal.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * On a pool's owner, with the pool imported: carries out a VM's snapshot request from the store. The
 * request is taken under this node's lease at the pool's epoch before the driver is called, and the
 * outcome (a snapshot record, a restored spec, a new VM) is committed with the request's removal
 * and the same epoch check, so a node that lost the pool records nothing. Each step is safe to run
 * again: a request this node took before a restart is carried out anew. A failure ends the task and
 * removes the request, except a deleted VM's disk destruction, which is retried until it is done.
 */
final class VmSnapshotRequests {
    private static final Logger LOG = LoggerFactory.getLogger(VmSnapshotRequests.class);

    /** Makes a VM with a given id with more writes in its commit (the clone; {@link VmManager#create}). */
    interface VmCreator {
        void create(VmSpec spec, UUID id, List<StoreOp> alongside);
    }

    private final VmSnapshotStore snapshots;
    private final VmStore vms;
    private final VmCreator creator;
    private final PoolOwnerFence pools;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final Predicate<UUID> hasDomain;
    private final String self;

    VmSnapshotRequests(VmSnapshotStore snapshots, VmStore vms, VmCreator creator, PoolOwnerFence pools,
                       TaskManager tasks, ToLongFunction<List<StoreOp>> underLease, Predicate<UUID> hasDomain,
                       String self) {
        this.snapshots = snapshots;
        this.vms = vms;
        this.creator = creator;
        this.pools = pools;
        this.tasks = tasks;
        this.underLease = underLease;
        this.hasDomain = hasDomain;
        this.self = self;
    }

    /** One look at a request seen in this node's replica: carried out here when this node owns its pool. */
    void pass(StorageDriver driver, List<String> imported, VmSnapshotStore.Request seen) {
        String pool = seen.request().pool();
        Optional<PoolOwnership> local = pools.localOwner(pool);
        if (local.isEmpty()) {
            dropIfPoolGone(seen);
            return;
        }
        if (!self.equals(local.get().node()) || !imported.contains(pool)) {
            return; // not ours, or not imported yet: the owner's next pass
        }
        Optional<VmSnapshotStore.Request> current;
        Optional<PoolOwnership> owner;
        try {
            current = snapshots.request(seen.request().vmId());
            owner = pools.owner(pool);
        } catch (UnavailableException e) {
            return; // cut off: taking it needs a commit under the lease anyway
        }
        if (current.isEmpty() || owner.isEmpty() || !self.equals(owner.get().node())) {
            return;
        }
        VmSnapshotRequest asked = current.get().request();
        Task task = tasks.task(asked.id()).orElseGet(() -> tasks.submit(asked.id(), asked.taskKind(), asked.vm(), self));
        boolean waitsForDomain = asked.kind().equals(VmSnapshotRequest.DESTROY_DISKS)
                || asked.kind().equals(VmSnapshotRequest.ROLLBACK);
        if (waitsForDomain && hasDomain.test(asked.vmId())) {
            tasks.running(task, "waiting on " + self + " for the domain of VM " + asked.vm() + " to be gone");
            return;
        }
        StoreOp fence = pools.check(pool, owner.get().epoch());
        VmSnapshotStore.Request taken;
        try {
            taken = self.equals(asked.takenBy()) ? current.get() : snapshots.take(current.get(), self, fence, underLease);
        } catch (VersionConflictException e) {
            LOG.info("VM {}: {} request {} not taken by {} at pool epoch {}: {}", asked.vm(), asked.kind(), asked.id(),
                    self, owner.get().epoch(), e.getMessage());
            return;
        } catch (UnavailableException e) {
            LOG.warn("VM {}: {} request {} waits: {}", asked.vm(), asked.kind(), asked.id(), e.getMessage());
            return;
        }
        tasks.running(task, asked.kind() + " of VM " + asked.vm() + " on " + self);
        try {
            String done = carryOut(driver, taken, fence);
            LOG.info("VM {}: {} (task {})", asked.vm(), done, asked.id());
            tasks.succeeded(task, done);
        } catch (RuntimeException e) {
            String why = describe(e);
            if (asked.kind().equals(VmSnapshotRequest.DESTROY_DISKS)) {
                LOG.warn("VM {}: its disks on pool {} are not destroyed yet ({}); retrying", asked.vm(), pool, why);
                tasks.running(task, "retrying: " + why);
                return; // stays taken by this node: the next pass tries again
            }
            snapshots.finish(taken);
            LOG.warn("VM {}: {} failed on {}: {}", asked.vm(), asked.kind(), self, why);
            tasks.failed(task, asked.kind() + " of VM " + asked.vm() + " failed on " + self + ": " + why);
        }
    }

    /**
     * A request whose pool was deleted (a VM's disks are destroyed with their pool) ends: only when a
     * linearizable read confirms the pool is gone (a replica catching up lacks pools that exist).
     */
    private void dropIfPoolGone(VmSnapshotStore.Request seen) {
        VmSnapshotRequest r = seen.request();
        try {
            if (pools.owner(r.pool()).isPresent()) {
                return;
            }
            Optional<VmSnapshotStore.Request> current = snapshots.request(r.vmId());
            if (current.isEmpty() || !current.get().request().id().equals(r.id())) {
                return;
            }
            snapshots.finish(current.get());
        } catch (UnavailableException e) {
            return;
        }
        Task task = tasks.task(r.id()).orElseGet(() -> tasks.submit(r.id(), r.taskKind(), r.vm(), self));
        if (r.kind().equals(VmSnapshotRequest.DESTROY_DISKS)) {
            tasks.succeeded(task, "pool " + r.pool() + " was deleted, and the disks of VM " + r.vm() + " with it");
        } else {
            tasks.failed(task, "pool " + r.pool() + " of VM " + r.vm() + " was deleted");
        }
        LOG.info("VM {}: {} request {} dropped: pool {} no longer exists", r.vm(), r.kind(), r.id(), r.pool());
    }

    private String carryOut(StorageDriver driver, VmSnapshotStore.Request taken, StoreOp fence) {
        VmSnapshotRequest r = taken.request();
        return switch (r.kind()) {
            case VmSnapshotRequest.SNAPSHOT -> snapshot(driver, taken, fence);
            case VmSnapshotRequest.ROLLBACK -> rollback(driver, taken, fence);
            case VmSnapshotRequest.CLONE -> cloneVm(driver, taken, fence);
            case VmSnapshotRequest.DELETE_SNAPSHOT -> {
                driver.destroyVmSnapshot(r.pool(), r.vmId(), r.snapshot());
                underLease.applyAsLong(List.of(fence, snapshots.drop(r.vmId(), r.snapshot()), snapshots.done(taken)));
                yield "snapshot " + r.snapshot() + " destroyed on pool " + r.pool() + " by " + self;
            }
            case VmSnapshotRequest.DESTROY_DISKS -> {
                driver.destroyVm(r.pool(), r.vmId());
                underLease.applyAsLong(List.of(fence, snapshots.done(taken)));
                yield "disks of deleted VM " + r.vm() + " (" + r.vmId() + ") destroyed on pool " + r.pool() + " by " + self;
            }
            default -> throw new IllegalStateException("unknown request kind " + r.kind());
        };
    }

    private String snapshot(StorageDriver driver, VmSnapshotStore.Request taken, StoreOp fence) {
        VmSnapshotRequest r = taken.request();
        Vm vm = sameVm(r);
        takeOnce(driver, r, vm);
        VmSnapshot record = new VmSnapshot(vm.id(), vm.name(), r.snapshot(), Instant.now(), vm.spec());
        underLease.applyAsLong(List.of(fence, snapshots.record(record), snapshots.done(taken)));
        return "snapshot " + r.snapshot() + " of " + vm.spec().disks().size() + " disk(s) taken on pool " + r.pool()
                + " by " + self;
    }

    /** Snapshots the VM's disks unless a run before a restart did. */
    private void takeOnce(StorageDriver driver, VmSnapshotRequest r, Vm vm) {
        Set<String> volumes = new HashSet<>(driver.volumes(r.pool()));
        List<String> missing = vm.spec().disks().stream().map(d -> d.volume(vm.id())).filter(v -> !volumes.contains(v))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the disks of VM " + vm.name() + " do not exist yet (they are made at its "
                    + "first start): missing " + missing.stream().map(v -> r.pool() + "/" + v).toList());
        }
        if (driver.vmSnapshots(r.pool(), vm.id()).stream().noneMatch(s -> s.name().equals(r.snapshot()))) {
            driver.snapshotVm(r.pool(), vm.id(), r.snapshot());
        }
    }

    private String rollback(StorageDriver driver, VmSnapshotStore.Request taken, StoreOp fence) {
        VmSnapshotRequest r = taken.request();
        VmStore.Entry entry = vms.require(r.vm());
        if (!entry.vm().id().equals(r.vmId())) {
            throw new NotFoundException("VM " + r.vm() + " was deleted meanwhile");
        }
        if (entry.vm().power() != PowerState.STOPPED) {
            throw new IllegalStateException("VM " + r.vm() + " was started meanwhile; stop it and ask again");
        }
        VmSnapshot record = snapshots.snapshot(r.vmId(), r.snapshot()).orElseThrow(() -> new NotFoundException(
                "snapshot " + r.snapshot() + " of VM " + r.vm() + " was deleted meanwhile"));
        driver.rollbackVm(r.pool(), r.vmId(), r.snapshot());
        Set<String> left = new HashSet<>();
        driver.vmSnapshots(r.pool(), r.vmId()).forEach(s -> left.add(s.name()));
        List<StoreOp> ops = new ArrayList<>(List.of(fence));
        List<String> gone = new ArrayList<>();
        for (VmSnapshot s : snapshots.snapshots(r.vmId())) {
            if (!left.contains(s.name())) {
                ops.add(snapshots.drop(r.vmId(), s.name()));
                gone.add(s.name());
            }
        }
        Vm restored = new Vm(entry.vm().id(), renamed(record.spec(), entry.vm().name()), PowerState.STOPPED,
                entry.vm().created());
        ops.add(vms.replace(entry, restored));
        ops.add(snapshots.done(taken));
        underLease.applyAsLong(ops);
        return "VM " + r.vm() + " rolled back to snapshot " + r.snapshot() + " (disks and spec) by " + self
                + (gone.isEmpty() ? "" : "; later snapshots destroyed: " + gone);
    }

    private String cloneVm(StorageDriver driver, VmSnapshotStore.Request taken, StoreOp fence) {
        VmSnapshotRequest r = taken.request();
        Optional<VmStore.Entry> existing = vms.get(r.cloneName());
        if (existing.isPresent() && existing.get().vm().id().equals(r.cloneId())) {
            snapshots.finish(taken); // made before a restart of this node
            return "VM " + r.cloneName() + " was cloned from " + r.vm() + "@" + r.snapshot() + " already";
        }
        Vm source = sameVm(r);
        List<StoreOp> alongside = new ArrayList<>(List.of(fence));
        VmSpec from;
        if (r.takeFirst()) {
            takeOnce(driver, r, source);
            from = source.spec();
            alongside.add(snapshots.record(new VmSnapshot(source.id(), source.name(), r.snapshot(), Instant.now(), from)));
        } else {
            from = snapshots.snapshot(r.vmId(), r.snapshot()).orElseThrow(() -> new NotFoundException("snapshot "
                    + r.snapshot() + " of VM " + r.vm() + " was deleted meanwhile")).spec();
        }
        driver.destroyVm(r.pool(), r.cloneId()); // what an attempt interrupted by a restart left
        long t0 = System.nanoTime();
        List<String> volumes = driver.cloneVm(r.pool(), r.vmId(), r.snapshot(), r.cloneId());
        long cloneMs = (System.nanoTime() - t0) / 1_000_000;
        VmSpec spec = cloneSpec(from, r.cloneName());
        alongside.add(snapshots.origin(r.cloneId(), new CloneOrigin(r.cloneName(), r.vmId(), r.vm(), r.snapshot())));
        alongside.add(snapshots.done(taken));
        try {
            creator.create(spec, r.cloneId(), alongside);
        } catch (RuntimeException e) {
            // no VM owns these volumes: they go, and so does a snapshot taken only for this clone
            driver.destroyVm(r.pool(), r.cloneId());
            if (r.takeFirst()) {
                driver.destroyVmSnapshot(r.pool(), r.vmId(), r.snapshot());
            }
            throw e;
        }
        return "VM " + r.cloneName() + " (" + r.cloneId() + ") cloned from " + r.vm() + "@" + r.snapshot() + " by "
                + self + ": " + volumes.size() + " disk(s) cloned in " + cloneMs + " ms, new MACs "
                + spec.nics().stream().map(NicSpec::mac).toList();
    }

    /** The VM the request is about, as it is now; it must not have been deleted (and a namesake made) meanwhile. */
    private Vm sameVm(VmSnapshotRequest r) {
        Vm vm = vms.require(r.vm()).vm();
        if (!vm.id().equals(r.vmId())) {
            throw new NotFoundException("VM " + r.vm() + " was deleted meanwhile");
        }
        return vm;
    }

    /** A clone's spec: the source's at the snapshot, a new name, a new MAC per NIC (a fixed address is not copied). */
    static VmSpec cloneSpec(VmSpec from, String name) {
        List<NicSpec> nics = from.nics().stream().map(n -> new NicSpec(n.network(), null, null)).toList();
        return new VmSpec(name, from.tenant(), from.vcpus(), from.memoryMiB(), nics, from.boot(), from.cloudInit(),
                from.ha(), from.node(), from.disks());
    }

    private static VmSpec renamed(VmSpec spec, String name) {
        return spec.name().equals(name) ? spec : new VmSpec(name, spec.tenant(), spec.vcpus(), spec.memoryMiB(),
                spec.nics(), spec.boot(), spec.cloudInit(), spec.ha(), spec.node(), spec.disks());
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("dependent clones") || message.contains("is cloned")) {
            return "ZFS refuses: clones depend on it (" + message + ")";
        }
        return message;
    }
}
