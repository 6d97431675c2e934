package io.cairn.core.internal.compute;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.SnapshotName;
import io.cairn.api.task.Task;
import io.cairn.core.internal.storage.PoolOwnerFence;
import io.cairn.core.internal.task.TaskManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The VM snapshot service of every node: checks each operation against the VM, its snapshot records
 * and the clones that depend on them, and records it as a request for the owner of the VM's pool
 * ({@link VmSnapshotRequests} carries it out); it never touches a pool itself. A refusal changes nothing.
 * A VM without disks has nothing to snapshot: refused (422), as a snapshot is of a VM's disks.
 */
@Component(service = VmSnapshotService.class)
public class VmSnapshotManager implements VmSnapshotService {
    /** The prefix of the snapshot a clone asked without one takes (and keeps: the clone depends on it). */
    static final String CLONE_PREFIX = "clone-";

    @Reference
    private VmStore vms;
    @Reference
    private VmSnapshotStore snapshots;
    @Reference
    private PoolOwnerFence pools;
    @Reference
    private TaskManager tasks;

    public VmSnapshotManager() {
    }

    /** Outside OSGi (tests). */
    VmSnapshotManager(VmStore vms, VmSnapshotStore snapshots, PoolOwnerFence pools, TaskManager tasks) {
        this.vms = vms;
        this.snapshots = snapshots;
        this.pools = pools;
        this.tasks = tasks;
    }

    @Override
    public Task take(String vm, String name) {
        SnapshotName.require(name);
        VmStore.Entry entry = vms.require(vm);
        String pool = diskPool(entry, "snapshot");
        refuseTaken(entry, name);
        return submit(entry, VmSnapshotRequest.of(VmSnapshotRequest.SNAPSHOT, entry.vm().id(), vm, pool, name));
    }

    @Override
    public List<VmSnapshot> snapshots(String vm) {
        return snapshots.snapshots(vms.require(vm).vm().id());
    }

    @Override
    public Optional<VmSnapshot> find(String vm, String name) {
        UUID id = vms.require(vm).vm().id();
        return valid(name) ? snapshots.snapshot(id, name) : Optional.empty();
    }

    @Override
    public Task deleteSnapshot(String vm, String name) {
        VmStore.Entry entry = vms.require(vm);
        VmSnapshot snapshot = require(entry, name);
        String pool = diskPool(entry, "delete a snapshot of");
        List<String> clones = clonesOf(entry, List.of(snapshot.name()));
        if (!clones.isEmpty()) {
            throw new ConflictException("snapshot '" + name + "' of VM '" + vm + "' cannot be deleted: the disks of "
                    + String.join(", ", clones) + " are clones of it (ZFS refuses to destroy a snapshot with "
                    + "dependent clones); delete " + (clones.size() == 1 ? "that VM" : "those VMs") + " first");
        }
        return submit(entry, VmSnapshotRequest.of(VmSnapshotRequest.DELETE_SNAPSHOT, entry.vm().id(), vm, pool, name));
    }

    @Override
    public Task rollback(String vm, String name) {
        VmStore.Entry entry = vms.require(vm);
        VmSnapshot snapshot = require(entry, name);
        String pool = diskPool(entry, "roll back");
        if (entry.vm().power() != PowerState.STOPPED) {
            throw new ConflictException("VM '" + vm + "' is running: stop it before rolling it back to snapshot '"
                    + name + "'");
        }
        // rollback -r destroys the later snapshots: ZFS refuses while clones depend on one of them
        List<String> later = snapshots.snapshots(entry.vm().id()).stream()
                .filter(s -> s.created().isAfter(snapshot.created())).map(VmSnapshot::name).toList();
        List<String> clones = clonesOf(entry, later);
        if (!clones.isEmpty()) {
            throw new ConflictException("VM '" + vm + "' cannot be rolled back to '" + name + "': that destroys its "
                    + "later snapshots " + later + ", and the disks of " + String.join(", ", clones)
                    + " are clones of one; delete those VMs first");
        }
        return submit(entry, VmSnapshotRequest.of(VmSnapshotRequest.ROLLBACK, entry.vm().id(), vm, pool, name));
    }

    @Override
    public Task clone(String vm, String newName, String snapshot) {
        DnsLabel.require(newName, "name of the clone");
        VmStore.Entry entry = vms.require(vm);
        String pool = diskPool(entry, "clone");
        if (vms.get(newName).isPresent()) {
            throw new ConflictException("a VM named '" + newName + "' already exists");
        }
        boolean takeFirst = snapshot == null || snapshot.isBlank();
        String from = takeFirst ? CLONE_PREFIX + newName : snapshot;
        if (takeFirst) {
            refuseTaken(entry, from);
        } else {
            require(entry, from);
        }
        VmSnapshotRequest request = new VmSnapshotRequest(UUID.randomUUID().toString(), VmSnapshotRequest.CLONE,
                entry.vm().id(), vm, pool, from, UUID.randomUUID(), newName, takeFirst, null);
        return submit(entry, request);
    }

    private Task submit(VmStore.Entry entry, VmSnapshotRequest request) {
        PoolOwnership owner = pools.owner(request.pool()).orElseThrow(() -> new ConflictException("pool '"
                + request.pool() + "' of VM '" + request.vm() + "' has no owner record; retry"));
        snapshots.request(request, List.of(vms.unchanged(entry)));
        return tasks.submit(request.id(), request.taskKind(), request.vm(), owner.node());
    }

    private static String diskPool(VmStore.Entry entry, String what) {
        return entry.vm().spec().diskPool().orElseThrow(() -> new IllegalArgumentException("VM '" + entry.vm().name()
                + "' has no disks: nothing to " + what + " (a snapshot is of a VM's disks, with its spec)"));
    }

    private void refuseTaken(VmStore.Entry entry, String name) {
        Optional<VmSnapshot> existing = snapshots.snapshot(entry.vm().id(), name);
        if (existing.isPresent()) {
            throw new ConflictException("VM '" + entry.vm().name() + "' already has a snapshot named '" + name
                    + "' (taken " + existing.get().created() + "); choose another name or delete it first");
        }
    }

    private VmSnapshot require(VmStore.Entry entry, String name) {
        Optional<VmSnapshot> found = valid(name) ? snapshots.snapshot(entry.vm().id(), name) : Optional.empty();
        return found.orElseThrow(() -> new NotFoundException("VM '" + entry.vm().name() + "' has no snapshot named '"
                + (name == null ? "" : DnsLabel.printable(name)) + "'"));
    }

    private List<String> clonesOf(VmStore.Entry entry, List<String> names) {
        return snapshots.clonesOf(entry.vm().id()).stream().filter(o -> names.contains(o.snapshot()))
                .map(CloneOrigin::cloneName).sorted().toList();
    }

    /** A name that is not a snapshot name can name no snapshot (404, not 422, for a lookup). */
    private static boolean valid(String name) {
        try {
            SnapshotName.require(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
