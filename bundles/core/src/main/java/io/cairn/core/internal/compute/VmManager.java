package io.cairn.core.internal.compute;

import io.cairn.core.internal.network.NicPorts;
import io.cairn.api.common.ConflictException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmAdmission;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmListener;
import io.cairn.api.compute.VmPage;
import io.cairn.api.compute.VmQuery;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.StorageService;
import io.cairn.core.internal.service.LazyService;
import io.cairn.core.internal.storage.DefaultDiskPool;
import io.cairn.core.internal.storage.VmDiskCheck;
import io.cairn.core.internal.storage.VmImageCheck;
import io.cairn.api.storage.ImageService;
import io.cairn.api.state.StoreOp;
import io.cairn.api.task.Task;
import io.cairn.core.internal.task.TaskManager;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The VM service of every node: validates and places new VMs, records the operator's intent in
 * the consistent store, and hands the work to the owning node as a task. It never touches a
 * hypervisor itself; the owner's {@link Reconciler} does.
 */
@Component(service = {VmService.class, VmAdminService.class, VmManager.class}, configurationPid = NodeConfig.PID)
@Designate(ocd = NodeConfig.class)
public class VmManager implements VmService, VmAdminService {
    private static final Logger LOG = LoggerFactory.getLogger(VmManager.class);
    private static final int PAGE_CHUNK = 256;

    @Reference
    private VmStore vms;
    @Reference
    private VmAnnotationStore annotations;
    @Reference
    private NodeService nodes;
    @Reference
    private TaskManager tasks;
    @Reference
    private NicPorts nicPorts;
    @Reference
    private VmStatusBoard statuses;
    @Reference
    private VmSnapshotStore snapshots;
    // core's own pools (PoolManager); a VM with disks is placed on its pool's owner
    private volatile Supplier<StorageService> storage = () -> null;
    // a disk cloned from an image names one that exists on its pool (ImageManager refers to VmService too)
    private volatile Supplier<ImageService> images = () -> null;
    /** e.g. a licence's capacity limit (metering), by service id; none bound: everything is admitted */
    private final Map<Object, Supplier<VmAdmission>> admissions = new ConcurrentHashMap<>();
    /** How often a create or start re-checks its admission after another one landed first. */
    private static final int ADMISSION_TRIES = 8;

    private final List<VmListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<VmEvent> storeListener = event -> {
        if (event.kind() == VmEvent.Kind.SPEC_CHANGED || event.kind() == VmEvent.Kind.REMOVED) {
            fire(event.vm());
        }
    };
    private MemoryBudget memory = MemoryBudget.reserving(1024);

    public VmManager() {
    }

    /** Outside OSGi (tests): activate it with {@link #activate(NodeConfig)}. */
    VmManager(VmStore vms, VmAnnotationStore annotations, NodeService nodes, TaskManager tasks,
              VmStatusBoard statuses, NicPorts nicPorts) {
        this.nicPorts = nicPorts;
        this.vms = vms;
        this.annotations = annotations;
        this.nodes = nodes;
        this.tasks = tasks;
        this.statuses = statuses;
    }

    /** Outside OSGi (tests): with the snapshot keyspace a delete drops the VM's records from. */
    VmManager withSnapshots(VmSnapshotStore snapshots) {
        this.snapshots = snapshots;
        return this;
    }

    // Bound lazily (LazyService): the pool manager, the image manager and the licence admission refer to VmService.
    @Reference(service = StorageService.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    void bindStorage(ComponentServiceObjects<StorageService> objects) {
        storage = new LazyService<>(objects);
    }

    void unbindStorage(ComponentServiceObjects<StorageService> objects) {
        if (storage instanceof LazyService<StorageService> lazy && lazy.holds(objects)) {
            lazy.release();
            storage = () -> null;
        }
    }

    @Reference(service = ImageService.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    void bindImages(ComponentServiceObjects<ImageService> objects) {
        images = new LazyService<>(objects);
    }

    void unbindImages(ComponentServiceObjects<ImageService> objects) {
        if (images instanceof LazyService<ImageService> lazy && lazy.holds(objects)) {
            lazy.release();
            images = () -> null;
        }
    }

    @Reference(service = VmAdmission.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAdmission(ComponentServiceObjects<VmAdmission> objects, Map<String, Object> properties) {
        admissions.put(properties.get(Constants.SERVICE_ID), new LazyService<>(objects));
    }

    void unbindAdmission(ComponentServiceObjects<VmAdmission> objects, Map<String, Object> properties) {
        if (admissions.remove(properties.get(Constants.SERVICE_ID)) instanceof LazyService<VmAdmission> lazy) {
            lazy.release();
        }
    }

    /** Outside OSGi (tests). */
    void addAdmission(VmAdmission admission) {
        admissions.put(admission, () -> admission);
    }

    @Activate
    void activate(NodeConfig config) {
        memory = NodeSettings.from(config).memoryBudget();
        vms.addListener(storeListener);
    }

    @Deactivate
    void deactivate() {
        vms.removeListener(storeListener);
    }

    @Override
    public VmDetails create(VmSpec spec) {
        return create(spec, UUID.randomUUID(), List.of());
    }

    /**
     * Creates a VM with a given id and {@code alongside} in the same commit: a clone, whose disks
     * were made for that id before its record exists (see {@link VmSnapshotRequests}).
     */
    VmDetails create(VmSpec asked, UUID id, List<StoreOp> alongside) {
        if (asked == null) {
            throw new IllegalArgumentException("a VM spec is required");
        }
        nicPorts.check(asked.nics());
        // disks that name no pool go to the home pool of the node placement picks
        VmSpec spec = DefaultDiskPool.resolve(asked, nodes.nodes(), storage.get(), images.get(),
                candidates -> Placement.choose(asked, candidates, vms.committedMemory(), memory));
        // no read first: the create commit's conditions refuse a taken name (409)
        // a VM with disks runs on its pool's owner: checked before anything is written
        Optional<String> poolOwner = VmDiskCheck.requiredNode(spec, storage.get());
        VmImageCheck.check(spec, images.get());
        Vm vm = new Vm(id, spec, PowerState.STOPPED, Instant.now());
        String node;
        Ownership owner;
        for (int attempt = 1; ; attempt++) {
            List<StoreOp> guard = admit(VmAdmission.Action.CREATE, spec, null, attempt > 1);
            List<NodeInfo> candidates = nodes.nodes().stream()
                    .filter(n -> poolOwner.isEmpty() || poolOwner.get().equals(n.name())).toList();
            node = Placement.choose(spec, candidates, vms.committedMemory(), memory);
            try {
                owner = vms.create(vm, node, guard, alongside);
                break;
            } catch (VmStore.AdmissionRaced e) {
                gaveUp(attempt, spec.name());
            }
        }
        LOG.info("Created VM {} ({}) on node {} at epoch {}", vm.name(), vm.id(), node, owner.epoch());
        return new VmDetails(vm, new VmStatus(VmState.STOPPED, node, vm.created(), null), owner);
    }

    @Override
    public Task start(String name) {
        setPower(name, PowerState.RUNNING);
        return tasks.submit("vm.start", name, ownerNode(name));
    }

    /**
     * Sets the wanted power from this node's replica of the VM, the commit conditional on the version read (a
     * stale replica fails it and never lands): one Raft round instead of a read and a commit. A refusal ("already
     * started") and a failed condition are decided only on a linearizable read.
     */
    private void setPower(String name, PowerState power) {
        VmStore.Entry entry = vms.requireForUpdate(name);
        boolean confirmed = false;
        for (int attempt = 1; ; attempt++) {
            if (entry.vm().power() == power && !confirmed) {
                entry = vms.require(name);
                confirmed = true;
            }
            if (entry.vm().power() == power) {
                throw new ConflictException("VM '" + name + "' is already "
                        + (power == PowerState.RUNNING ? "started" : "stopped"));
            }
            List<StoreOp> guard = power == PowerState.RUNNING
                    ? admit(VmAdmission.Action.START, entry.vm().spec(), name, attempt > 1) : List.of();
            try {
                if (vms.trySetPower(entry, power, guard)) {
                    return;
                }
                if (confirmed) {
                    throw new ConflictException("VM '" + name + "' was changed concurrently; retry");
                }
            } catch (VmStore.AdmissionRaced e) {
                gaveUp(attempt, name);
            }
            entry = vms.require(name);
            confirmed = true;
        }
    }

    /**
     * Asks every active admission with the other VMs that run and with all the other VMs (any power
     * state: what their disks hold); {@code except} is the VM itself, counted in neither. Returns
     * the guard op the create or start must commit with: it fails if another admitted create or
     * start landed after this view was read, so two admissions that each fit alone can
     * never both land past a limit. None when no admission is active (no licence limits the cluster):
     * then creates and starts neither read every VM nor contend on the guard.
     */
    private List<StoreOp> admit(VmAdmission.Action action, VmSpec spec, String except, boolean confirm) {
        List<VmAdmission> active = new ArrayList<>();
        List<StoreOp> conditions = new ArrayList<>();
        for (VmAdmission admission : admissions.values().stream().map(Supplier::get).filter(Objects::nonNull)
                .toList()) {
            // first from the replica, with the admission's own conditions in the commit; after a failed
            // condition (the replica had not seen a change, e.g. a licence just installed) linearizably
            if (confirm ? admission.active() : localActive(admission, conditions)) {
                active.add(admission);
            }
        }
        if (active.isEmpty()) {
            return conditions;
        }
        long guard = vms.admissionVersion();
        List<Vm> others = vms.list().stream().filter(vm -> !vm.name().equals(except)).toList();
        List<VmSpec> all = others.stream().map(Vm::spec).toList();
        List<VmSpec> running = others.stream().filter(vm -> vm.power() == PowerState.RUNNING)
                .map(Vm::spec).toList();
        for (VmAdmission admission : active) {
            admission.admit(action, spec, running, all);
        }
        conditions.add(VmStore.admitted(guard));
        return conditions;
    }

    private static boolean localActive(VmAdmission admission, List<StoreOp> conditions) {
        VmAdmission.Activity activity = admission.localActivity();
        conditions.addAll(activity.conditions());
        return activity.active();
    }

    private static void gaveUp(int attempt, String name) {
        if (attempt >= ADMISSION_TRIES) {
            throw new ConflictException("VM '" + name + "': other VMs were admitted concurrently " + attempt
                    + " times while this one was checked against the licence; retry");
        }
    }

    @Override
    public Task stop(String name) {
        setPower(name, PowerState.STOPPED);
        return tasks.submit("vm.stop", name, ownerNode(name));
    }

    @Override
    public Task reboot(String name) {
        VmStore.Entry entry = vms.require(name);
        if (entry.vm().power() != PowerState.RUNNING) {
            throw new ConflictException("VM '" + name + "' is stopped; start it instead of rebooting");
        }
        String id = UUID.randomUUID().toString();
        vms.request(entry, entry.vm(), new VmRequestRecord(id, VmRequestRecord.REBOOT, null));
        return tasks.submit(id, "vm.reboot", name, ownerNode(name));
    }

    @Override
    public Task destroy(String name) {
        VmStore.Entry entry = vms.require(name);
        String id = UUID.randomUUID().toString();
        vms.request(entry, entry.vm().withPower(PowerState.STOPPED),
                new VmRequestRecord(id, VmRequestRecord.DESTROY, null));
        return tasks.submit(id, "vm.destroy", name, ownerNode(name));
    }

    @Override
    public Task delete(String name) {
        return delete(name, false);
    }

    /**
     * Removes the VM with its annotations and snapshot records in one commit; unless {@code keepDisks},
     * the same commit asks its pool's owner to destroy its disks once its domain is gone
     * ({@link VmSnapshotRequests}). Refused while clones depend on its disks (they would go too).
     */
    @Override
    public Task delete(String name, boolean keepDisks) {
        VmStore.Entry entry = vms.require(name);
        String owner = ownerNode(name);
        List<StoreOp> alongside = new ArrayList<>(annotations.deleteAll(name));
        VmSnapshotStore s = snapshots; // absent only in tests built without snapshots
        Optional<String> pool = entry.vm().spec().diskPool();
        if (s != null) {
            boolean destroy = pool.isPresent() && !keepDisks;
            if (destroy) {
                List<String> clones = s.clonesOf(entry.vm().id()).stream().map(CloneOrigin::cloneName).sorted().toList();
                if (!clones.isEmpty()) {
                    throw new ConflictException("VM '" + name + "' cannot be deleted with its disks: the disks of "
                            + String.join(", ", clones) + " are clones of its snapshots; delete "
                            + (clones.size() == 1 ? "that VM" : "those VMs") + " first, or keep its disks");
                }
            }
            alongside.addAll(s.dropAll(entry.vm().id(), !destroy));
            if (destroy) {
                alongside.add(s.destroyDisks(VmSnapshotRequest.destroyDisks(entry.vm().id(), name, pool.get())));
            }
        }
        vms.delete(entry, alongside);
        statuses.remove(name);
        nicPorts.release(entry.vm());
        LOG.info("Deleted VM {} ({}); node {} removes its domain{}", name, entry.vm().id(), owner,
                pool.isEmpty() ? "" : keepDisks ? ", its disks stay on pool " + pool.get()
                        : ", the owner of pool " + pool.get() + " then destroys its disks");
        return tasks.submit("vm.delete", name, owner);
    }

    /**
     * Reads are linearizable while this node reaches a majority (a timeout then is a 503, never a
     * stale answer); only a node cut off from the majority falls back to its replica (REST marks
     * such answers, and {@code /cluster/state} reports how stale they may be).
     */
    @Override
    public List<VmDetails> vms() {
        Map<String, Ownership> owners;
        List<Vm> list;
        try {
            owners = vms.owners();
            list = vms.list();
        } catch (UnavailableException e) {
            staleOnlyWhenCutOff(e);
            owners = vms.localOwners();
            list = vms.localVms().values().stream().map(VmStore.Entry::vm).toList();
        }
        Map<String, Ownership> byName = owners;
        return list.stream().sorted(Comparator.comparing(Vm::name))
                .map(vm -> details(vm, byName.get(vm.name()))).toList();
    }

    /**
     * A page in name order: records are decoded only past the cursor, statuses fetched in one
     * Hazelcast round trip per chunk, so a page costs what it returns, not what the cluster holds.
     */
    @Override
    public VmPage vms(VmQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("a query is required");
        }
        Map<String, Ownership> owners;
        List<VmStore.Entry> entries;
        try {
            owners = vms.owners();
            entries = vms.listAfter(query.cursor(), false);
        } catch (UnavailableException e) {
            staleOnlyWhenCutOff(e);
            owners = vms.localOwners();
            entries = vms.listAfter(query.cursor(), true);
        }
        List<VmDetails> page = new ArrayList<>();
        List<Vm> chunk = new ArrayList<>();
        int i = 0;
        while (i < entries.size() && page.size() <= query.limit()) {
            chunk.clear();
            while (i < entries.size() && chunk.size() < PAGE_CHUNK) {
                Vm vm = entries.get(i++).vm();
                Ownership owner = owners.get(vm.name());
                if ((query.tenant() == null || query.tenant().equals(vm.spec().tenant()))
                        && (query.node() == null || owner != null && query.node().equals(owner.node()))) {
                    chunk.add(vm);
                }
            }
            Set<String> names = new HashSet<>();
            chunk.forEach(vm -> names.add(vm.name()));
            Map<String, VmStatus> reported = statuses.getAll(names);
            for (Vm vm : chunk) {
                VmDetails d = details(vm, owners.get(vm.name()), reported.get(vm.name()));
                if (query.state() == null || query.state() == d.status().state()) {
                    page.add(d);
                    if (page.size() > query.limit()) {
                        break;
                    }
                }
            }
        }
        if (page.size() > query.limit()) {
            List<VmDetails> items = page.subList(0, query.limit());
            return new VmPage(items, items.get(items.size() - 1).vm().name());
        }
        return new VmPage(page, null);
    }

    @Override
    public Optional<VmDetails> vm(String name) {
        try {
            return vms.get(name).map(e -> details(e.vm(), vms.owner(name).orElse(null)));
        } catch (UnavailableException e) {
            staleOnlyWhenCutOff(e);
            return Optional.ofNullable(vms.localVms().get(name))
                    .map(entry -> details(entry.vm(), vms.localOwners().get(name)));
        }
    }

    /** Rethrows {@code e} unless this node is cut off from the majority. */
    private void staleOnlyWhenCutOff(UnavailableException e) {
        if (!vms.cutOff()) {
            throw e;
        }
        LOG.debug("Cut off from the majority: answering a VM read from this node's replica ({})", e.getMessage());
    }

    @Override
    public void addListener(VmListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(VmListener listener) {
        listeners.remove(listener);
    }

    private VmDetails details(Vm vm, Ownership owner) {
        return details(vm, owner, statuses.get(vm.name()).orElse(null));
    }

    private VmDetails details(Vm vm, Ownership owner, VmStatus reported) {
        VmStatus status = reported;
        boolean ownerUp = owner != null && nodes.node(owner.node()).map(NodeInfo::state)
                .filter(s -> s == NodeState.UP).isPresent();
        if (status == null || !ownerUp) {
            String why = owner == null ? "no owner" : status == null ? "not reported yet by " + owner.node()
                    : "owner " + owner.node() + " is not up";
            status = new VmStatus(VmState.UNKNOWN, owner == null ? null : owner.node(),
                    status == null ? vm.created() : status.since(), why);
        }
        return new VmDetails(vm, status, owner);
    }

    /** The node a task is reported for: the replica's owner is enough (the owner acts on the store, not on this). */
    private String ownerNode(String name) {
        return vms.localOwner(name).or(() -> vms.owner(name)).map(Ownership::node)
                .orElseThrow(() -> new ConflictException("VM '" + name + "' has no owner record"));
    }

    private void fire(String name) {
        for (VmListener listener : listeners) {
            try {
                listener.changed(name);
            } catch (RuntimeException e) {
                LOG.error("VM listener {} failed for {}", listener, name, e);
            }
        }
    }
}
