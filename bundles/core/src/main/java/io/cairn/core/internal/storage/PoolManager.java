package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.VmService;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.NodeDisks;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolEvent;
import io.cairn.api.storage.PoolListener;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
import io.cairn.api.task.Task;
import io.cairn.core.internal.task.TaskManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The storage services over {@link PoolStore}: checks and lays out new pools (no host calls;
 * the owner's {@link PoolReconciler} builds them), and reads pools with their owner and status.
 */
@Component(service = {StorageService.class, StorageAdminService.class}, configurationPid = StorageNodeConfig.PID)
public class PoolManager implements StorageService, StorageAdminService {
    @Reference
    private PoolStore store;
    @Reference
    private PoolStatusBoard statuses;
    @Reference
    private NodeService nodes;
    @Reference
    private PoolEventBus events;
    @Reference
    private TaskManager tasks;
    // VMs with disks on a pool keep it from being deleted (VmManager's own reference to this
    // service is optional and dynamic, so the two activate in either order)
    @Reference
    private VmService vms;

    private int portBase;
    private final Consumer<PoolStoreEvent> storeListener = this::onStoreEvent;

    public PoolManager() {
    }

    /** Outside OSGi (tests of the operations that need no node list, events or config). */
    PoolManager(PoolStore store, PoolStatusBoard statuses, TaskManager tasks, VmService vms) {
        this.store = store;
        this.statuses = statuses;
        this.tasks = tasks;
        this.vms = vms;
    }

    /** Outside OSGi (tests of the operations that ask the node list too). */
    PoolManager(PoolStore store, PoolStatusBoard statuses, TaskManager tasks, VmService vms, NodeService nodes) {
        this(store, statuses, tasks, vms);
        this.nodes = nodes;
    }

    @Activate
    void activate(StorageNodeConfig config) {
        portBase = config.export_port_base();
        store.addListener(storeListener);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
    }

    private void onStoreEvent(PoolStoreEvent e) {
        switch (e.kind()) {
            case SPEC_CHANGED -> events.fire(new PoolEvent(PoolEvent.Kind.SPEC_CHANGED, e.name(), "recorded"));
            case REMOVED -> events.fire(new PoolEvent(PoolEvent.Kind.REMOVED, e.name(), ""));
            case OWNER_CHANGED -> events.fire(new PoolEvent(PoolEvent.Kind.OWNER_CHANGED, e.name(),
                    store.localOwners().containsKey(e.name()) ? "owner " + store.localOwners().get(e.name()).node()
                            + " epoch " + store.localOwners().get(e.name()).epoch() : ""));
            default -> {
            }
        }
    }

    @Override
    public PoolDetails createPool(PoolSpec spec) {
        Objects.requireNonNull(spec, "spec must not be null");
        Map<String, Pool> pools = store.pools();
        if (pools.containsKey(spec.name())) {
            throw new ConflictException("a pool named '" + spec.name() + "' already exists");
        }
        PoolPlacement.Layout layout = PoolPlacement.place(spec, nodes.nodes(), store.disks(), pools.values(),
                store.owners(), portBase);
        Pool pool = new Pool(spec.withOwner(layout.owner()), layout.members(), layout.port(), Instant.now());
        PoolOwnership owner = store.create(pool, layout.owner());
        return new PoolDetails(pool, owner, null);
    }

    /**
     * Records a scrub request for the pool's owner, conditional on the owner's epoch checked here, and
     * returns its task; the owner's {@link PoolReconciler} takes it ({@link PoolScrubs}).
     */
    @Override
    public Task scrub(String name) {
        PoolOwnership owner = importedByOwner(name);
        String id = UUID.randomUUID().toString();
        store.request(name, owner.epoch(), new PoolRequestRecord(id, PoolRequestRecord.SCRUB, null, null));
        return tasks.submit(id, PoolScrubs.TASK_KIND, name, owner.node());
    }

    /**
     * Records a delete request for the pool's owner, which checks for VMs again, destroys the pool and
     * removes its records ({@link PoolDeletes}); refused here while VMs have disks on it.
     */
    @Override
    public Task deletePool(String name) {
        PoolOwnership owner = importedByOwner(name);
        List<String> users = VmDiskCheck.vmsWithDisksOn(name, vms);
        if (!users.isEmpty()) {
            throw new ConflictException("pool '" + name + "' cannot be deleted: " + users.size() + " VM"
                    + (users.size() == 1 ? " has" : "s have") + " disks on it: " + String.join(", ", users)
                    + "; delete " + (users.size() == 1 ? "it" : "them") + " first");
        }
        String id = UUID.randomUUID().toString();
        store.request(name, owner.epoch(), new PoolRequestRecord(id, PoolRequestRecord.DELETE, null, null));
        return tasks.submit(id, PoolDeletes.TASK_KIND, name, owner.node());
    }

    /**
     * Records a move request for the pool's owner, which hands the pool's VMs and then the pool to
     * {@code node} ({@link PoolMoves}); refused here when {@code node} gives the pool no disk, is not
     * up, or owns it already.
     */
    @Override
    public Task movePool(String name, String node) {
        PoolOwnership owner = importedByOwner(name);
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("the node to move pool '" + name + "' to is missing");
        }
        Pool pool = store.get(name).orElseThrow(() -> new NotFoundException("no pool named '" + name + "'"));
        if (pool.memberOf(node).isEmpty()) {
            throw new UnsatisfiableException("node '" + node + "' gives pool '" + name + "' no disk; it can move to "
                    + "one of its members: " + String.join(", ", pool.members().stream().map(PoolMember::node)
                    .filter(n -> !n.equals(owner.node())).toList()));
        }
        if (owner.node().equals(node)) {
            throw new ConflictException("pool '" + name + "' is owned by " + node + " already");
        }
        NodeState state = nodes.node(node).map(NodeInfo::state).orElse(NodeState.DOWN);
        if (state != NodeState.UP) {
            throw new UnsatisfiableException("node " + node + " is " + state + "; a pool moves only to a node that is up");
        }
        String id = UUID.randomUUID().toString();
        store.request(name, owner.epoch(), new PoolRequestRecord(id, PoolRequestRecord.MOVE, null, node));
        return tasks.submit(id, PoolMoves.TASK_KIND, name, owner.node());
    }

    /** The owner of an existing pool that its owner has built and imported at its epoch; else 404 or 409. */
    private PoolOwnership importedByOwner(String name) {
        try {
            PoolName.require(name);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such pool: " + e.getMessage());
        }
        store.get(name).orElseThrow(() -> new NotFoundException("no pool named '" + name + "'"));
        PoolOwnership owner = store.owner(name)
                .orElseThrow(() -> new ConflictException("pool '" + name + "' has no owner record yet; retry"));
        if (store.built(name, false).isEmpty()) {
            throw new ConflictException("pool '" + name + "' is not built yet: its owner " + owner.node()
                    + " is still creating it; retry once GET /pools/" + name + " shows status.imported true");
        }
        Optional<PoolStatus> status = statuses.get(name);
        if (status.isEmpty() || !status.get().imported() || !owner.node().equals(status.get().owner())
                || status.get().epoch() != owner.epoch()) {
            throw new ConflictException("pool '" + name + "' is not imported by its owner " + owner.node()
                    + " at epoch " + owner.epoch() + " yet (" + status.map(PoolManager::describe).orElse("no status reported")
                    + "); retry once GET /pools/" + name + " shows status.imported true");
        }
        return owner;
    }

    private static String describe(PoolStatus s) {
        return "last reported by " + s.owner() + " at epoch " + s.epoch() + (s.imported() ? ", imported" : ", not imported")
                + (s.error().isEmpty() ? "" : ": " + s.error());
    }

    @Override
    public List<PoolDetails> pools() {
        Map<String, PoolOwnership> owners = store.owners();
        List<PoolDetails> out = new ArrayList<>();
        store.pools().forEach((name, pool) -> {
            PoolOwnership owner = owners.get(name);
            if (owner != null) {
                out.add(new PoolDetails(pool, owner, statuses.get(name).orElse(null)));
            }
        });
        return out;
    }

    @Override
    public Optional<PoolDetails> pool(String name) {
        return store.get(name).flatMap(pool -> store.owner(name).map(owner ->
                new PoolDetails(pool, owner, statuses.get(name).orElse(null))));
    }

    @Override
    public List<NodeDisks> disks() {
        Set<String> used = new HashSet<>();
        store.pools().values().forEach(p -> p.members().forEach(m -> used.add(m.node() + ":" + m.disk())));
        List<NodeDisks> out = new ArrayList<>();
        store.disks().forEach((node, rec) -> out.add(new NodeDisks(node, rec.disks(),
                rec.disks().stream().filter(d -> !used.contains(node + ":" + d)).toList())));
        return out;
    }

    @Override
    public void addListener(PoolListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(PoolListener listener) {
        events.remove(listener);
    }
}
