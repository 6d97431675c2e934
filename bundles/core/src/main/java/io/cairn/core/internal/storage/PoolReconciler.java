package io.cairn.core.internal.storage;

import io.cairn.api.compute.VmService;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.DiskExport;
import io.cairn.api.storage.DiskExportDriver;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolEvent;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.transfer.TransferService;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.compute.VmRelocations;
import io.cairn.core.internal.fencing.NodeLease;
import io.cairn.core.internal.task.TaskManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Drives this node's storage until it matches the storage keyspace, on every change and on a
 * periodic resync:
 * <ul>
 *   <li>as a member of a pool it does not own, it serves its disk under the export name of the
 *       pool's current owner and epoch only ({@link PoolOwnership#exportName()}): when the owner
 *       changes, the old owner's connections drop and it is refused from then on;</li>
 *   <li>as a pool's owner, it attaches the members' exports, creates the pool once (recorded as
 *       built) or imports it by force afterwards, writes its epoch into the pool and reports
 *       status;</li>
 *   <li>as the owner of an imported pool, it carries out a scrub request ({@link PoolScrubs}), a
 *       delete request ({@link PoolDeletes}) or a move request ({@link PoolMoves}), and the image
 *       requests of the pool ({@link PoolImages});</li>
 *   <li>as a former member of a deleted pool, it stops serving its disk;</li>
 *   <li>a pool imported here that this node does not own is exported at once.</li>
 * </ul>
 */
@Component(immediate = true, configurationPid = StorageNodeConfig.PID)
public class PoolReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PoolReconciler.class);
    /** How long a copy's stream may stay silent (zfs send starting on a busy source) before it fails. */
    private static final java.time.Duration COPY_READ_TIMEOUT = java.time.Duration.ofMinutes(2);

    @Reference
    private PoolStore store;
    @Reference
    private PoolStatusBoard statuses;
    @Reference
    private PoolEventBus events;
    @Reference
    private NodeService nodes;
    @Reference
    private ClusterMember member;
    @Reference
    private TaskManager tasks;
    @Reference
    private NodeLease lease;
    @Reference
    private VmService vms;
    @Reference
    private VmRelocations relocations;
    @Reference
    private ImageStore imageStore;
    /** The transfer channel a copy to a pool of this node streams from the source pool's owner over. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TransferService transfer;

    private final Map<String, StorageDriver> storageDrivers = new ConcurrentHashMap<>();
    private final Map<String, DiskExportDriver> exportDrivers = new ConcurrentHashMap<>();
    private final Map<String, PoolHealth> lastHealth = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();
    private final Map<String, Long> highestEpoch = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Consumer<PoolStoreEvent> listener = e -> soon();
    private final Consumer<ImageStoreEvent> imageListener = e -> soon();

    private StorageNodeConfig config;
    private String self;
    private String address;
    private volatile boolean disksPublished;
    private ScheduledExecutorService worker;
    private PoolScrubs scrubs;
    private PoolDeletes deletes;
    private PoolMoves moves;
    private PoolImages images;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        storageDrivers.put(String.valueOf(properties.get("cairn.driver")), driver);
        soon();
    }

    void unbindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        storageDrivers.remove(String.valueOf(properties.get("cairn.driver")), driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExportDriver(DiskExportDriver driver, Map<String, Object> properties) {
        exportDrivers.put(String.valueOf(properties.get("cairn.driver")), driver);
        soon();
    }

    void unbindExportDriver(DiskExportDriver driver, Map<String, Object> properties) {
        exportDrivers.remove(String.valueOf(properties.get("cairn.driver")), driver);
    }

    @Activate
    void activate(StorageNodeConfig config) {
        this.config = config;
        self = member.settings().nodeName();
        address = member.settings().bindAddress();
        scrubs = new PoolScrubs(store, tasks, lease::commitUnderLease, self);
        deletes = new PoolDeletes(store, statuses, tasks, lease::commitUnderLease,
                pool -> VmDiskCheck.vmsWithDisksOn(pool, vms), self, imageStore::removalOf);
        images = new PoolImages(imageStore, store, tasks, lease::commitUnderLease,
                image -> VmImageCheck.vmsUsing(image, vms), this::openImage, self);
        moves = new PoolMoves(store, tasks, lease::commitUnderLease, new PoolMoves.Vms() {
            @Override
            public List<String> withDisksOn(String pool) {
                return VmDiskCheck.vmsWithDisksOn(pool, vms);
            }

            @Override
            public List<StoreOp> handTo(List<String> names, String target) {
                return relocations.handTo(names, target);
            }

            @Override
            public List<String> aliveHere(List<String> names) {
                return relocations.aliveHere(names);
            }
        }, nodes::node, self);
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-pool-reconciler");
            t.setDaemon(true);
            return t;
        });
        store.addListener(listener);
        imageStore.addListener(imageListener);
        worker.scheduleWithFixedDelay(this::pass, 1, config.resync_interval_seconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(listener);
        imageStore.removeListener(imageListener);
        worker.shutdownNow();
    }

    private java.io.InputStream openImage(String node, String pool, String image) {
        TransferService t = transfer;
        if (t == null) {
            throw new io.cairn.api.common.UnavailableException("node " + self + " runs no transfer channel (feature "
                    + "cairn-transfer) to copy images over");
        }
        return t.open(node, ImageTransferSource.CHANNEL, ImageTransferSource.resource(pool, image), COPY_READ_TIMEOUT);
    }

    private void soon() {
        ScheduledExecutorService w = worker;
        if (w != null && queued.compareAndSet(false, true)) {
            w.execute(this::pass);
        }
    }

    private void pass() {
        queued.set(false);
        try {
            publishDisks();
            StorageDriver zfs = storageDrivers.get(config.driver());
            DiskExportDriver exports = exportDrivers.get(config.export_driver());
            if (zfs == null || exports == null) {
                return;
            }
            Map<String, Pool> pools = store.localPools();
            stopServingDeleted(exports, pools);
            if (pools.isEmpty()) {
                return;
            }
            Map<String, PoolOwnership> owners = store.localOwners();
            List<String> imported = zfs.importedPools();
            for (Pool pool : pools.values()) {
                PoolOwnership owner = owners.get(pool.name());
                if (owner == null || owner.epoch() < highestEpoch.getOrDefault(pool.name(), 0L)) {
                    continue; // a local replica behind what this node already saw
                }
                highestEpoch.put(pool.name(), owner.epoch());
                try {
                    if (owner.node().equals(self)) {
                        own(zfs, exports, pool, owner, imported.contains(pool.name()));
                    } else {
                        serve(zfs, exports, pool, owner, imported.contains(pool.name()));
                    }
                } catch (RuntimeException e) {
                    fail(pool, owner, e);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Pool reconciliation pass failed; the next pass retries", e);
        }
    }

    private void publishDisks() {
        if (!disksPublished) {
            // etc/io.cairn.storage.cfg holds them comma-separated in one string, which DS hands over as one element
            List<String> disks = Arrays.stream(config.disks()).flatMap(d -> Arrays.stream(d.split(",")))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            store.publishDisks(new DisksRecord(self, disks));
            disksPublished = true;
            LOG.info("This node offers {} disk(s) to pools: {}", disks.size(), disks);
        }
    }

    /**
     * Member disks still served for pools the store no longer has (deleted): their servers stop. The
     * absence is confirmed by a linearizable read: a replica still catching up after a restart lacks
     * pools that exist, and their members must go on serving.
     */
    private void stopServingDeleted(DiskExportDriver exports, Map<String, Pool> pools) {
        for (String served : exports.servedPools()) {
            if (!pools.containsKey(served) && confirmedAbsent(served)) {
                exports.stop(served);
                LOG.info("Pool {} was deleted: {} no longer serves its disk", served, self);
                events.fire(new PoolEvent(PoolEvent.Kind.EXPORT_SWITCHED, served, self
                        + " stopped serving its disk: the pool was deleted"));
            }
        }
    }

    private boolean confirmedAbsent(String pool) {
        try {
            return store.get(pool).isEmpty();
        } catch (io.cairn.api.common.UnavailableException e) {
            return false; // cut off: serve on until the store can say
        }
    }

    /** A member: stop importing what is not ours, then serve our disk to the current owner only. */
    private void serve(StorageDriver zfs, DiskExportDriver exports, Pool pool, PoolOwnership owner, boolean imported) {
        scrubs.forget(pool.name());
        if (imported) {
            LOG.warn("Pool {} is imported here but owned by {} (epoch {}): exporting it", pool.name(), owner.node(),
                    owner.epoch());
            zfs.exportPool(pool.name());
            pool.members().forEach(m -> exports.detach(pool.name(), m.node()));
        }
        Optional<PoolMember> mine = pool.memberOf(self);
        if (mine.isEmpty()) {
            return;
        }
        String wanted = owner.exportName();
        if (!exports.served(pool.name()).filter(wanted::equals).isPresent()) {
            exports.serve(new DiskExport(pool.name(), mine.get().disk(), address, pool.exportPort(), wanted));
            events.fire(new PoolEvent(PoolEvent.Kind.EXPORT_SWITCHED, pool.name(), self + " serves its disk to "
                    + owner.node() + " at epoch " + owner.epoch() + " only"));
        }
    }

    /** The owner: attach the members, create once or import, write the epoch, report. */
    private void own(StorageDriver zfs, DiskExportDriver exports, Pool pool, PoolOwnership owner, boolean imported) {
        exports.stop(pool.name()); // an owner exports nothing of its own pool
        if (deletes.pass(zfs, exports, pool, owner, imported) || moves.pass(zfs, exports, pool, owner, imported)) {
            return;
        }
        if (!imported && confirmedAbsent(pool.name())) {
            // a replica behind this node's own delete (a follower applies it after the commit returned): attaching
            // the members of a pool that no longer exists would leave their clients running
            highestEpoch.put(pool.name(), owner.epoch() + 1);
            return;
        }
        if (!imported) {
            List<String> devices = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (PoolMember m : pool.members()) {
                Optional<Path> device = attach(exports, pool, owner, m, missing);
                device.ifPresent(d -> {
                    devices.add(d.toString());
                    dirs.add(d.getParent());
                });
            }
            Optional<PoolOwnership> built = store.built(pool.name(), true);
            if (built.isEmpty()) {
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("waiting for the member exports of " + missing + " to build the pool");
                }
                zfs.createPool(new PoolLayout(pool.name(), pool.spec().redundancy(), devices, pool.spec().compression(),
                        pool.spec().dedup()));
                store.markBuilt(pool.name(), owner);
                events.fire(new PoolEvent(PoolEvent.Kind.IMPORTED, pool.name(), "created raidz"
                        + pool.spec().redundancy() + " of " + devices.size() + " members on " + self));
            } else {
                if (devices.size() <= pool.members().size() - pool.spec().redundancy() - 1) {
                    throw new IllegalStateException("cannot import: only " + devices.size() + " of "
                            + pool.members().size() + " members reachable; missing " + missing);
                }
                zfs.importPool(pool.name(), dirs);
                events.fire(new PoolEvent(PoolEvent.Kind.IMPORTED, pool.name(), "imported on " + self + " at epoch "
                        + owner.epoch() + (missing.isEmpty() ? "" : ", missing " + missing)));
            }
        }
        if (zfs.readEpoch(pool.name()).orElse(0) != owner.epoch()) {
            zfs.writeEpoch(pool.name(), owner.epoch());
        }
        reattach(zfs, exports, pool, owner);
        scrubs.pass(zfs, pool.name(), owner);
        images.pass(zfs, pool.name(), owner);
        report(zfs, pool, owner);
    }

    /** This member's device on the owner: its own disk linked, or another node's export attached. */
    private Optional<Path> attach(DiskExportDriver exports, Pool pool, PoolOwnership owner, PoolMember m,
                                  List<String> missing) {
        if (m.node().equals(self)) {
            return Optional.of(exports.attachLocal(pool.name(), m.node(), m.disk()));
        }
        Optional<NodeInfo> node = nodes.node(m.node());
        if (node.isEmpty() || node.get().state() != NodeState.UP) {
            missing.add(m.node() + " (" + node.map(n -> n.state().name()).orElse("unknown") + ")");
            return Optional.empty();
        }
        try {
            return Optional.of(exports.attach(pool.name(), m.node(), node.get().addresses().get(0), pool.exportPort(),
                    owner.exportName()));
        } catch (RuntimeException e) {
            missing.add(m.node() + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Members ZFS lost (UNAVAIL, FAULTED, REMOVED) whose node is up again: attach their export
     * anew and put them online, so they resilver.
     */
    private void reattach(StorageDriver zfs, DiskExportDriver exports, Pool pool, PoolOwnership owner) {
        Optional<PoolObservation> seen = zfs.observe(pool.name());
        if (seen.isEmpty()) {
            return;
        }
        for (var m : MemberDevices.name(pool, seen.get().members())) {
            if (m.node() == null) {
                continue;
            }
            // lost by ZFS, or its NBD client died with the member's server (ZFS notices only at the next I/O)
            boolean lost = m.state() == PoolHealth.UNAVAIL || m.state() == PoolHealth.FAULTED
                    || m.state() == PoolHealth.REMOVED
                    || (!m.node().equals(self) && !exports.attached(pool.name(), m.node()));
            if (!lost) {
                continue;
            }
            Optional<NodeInfo> node = nodes.node(m.node());
            if (!m.node().equals(self) && (node.isEmpty() || node.get().state() != NodeState.UP)) {
                continue;
            }
            if (!m.node().equals(self)) {
                exports.detach(pool.name(), m.node());
            }
            List<String> missing = new ArrayList<>();
            Optional<Path> device = attach(exports, pool, owner, pool.memberOf(m.node()).orElseThrow(), missing);
            if (device.isPresent()) {
                zfs.onlineMember(pool.name(), device.get().toString());
                events.fire(new PoolEvent(PoolEvent.Kind.HEALTH_CHANGED, pool.name(), "member " + m.node()
                        + " is back: online, resilvering"));
            }
        }
    }

    private void report(StorageDriver zfs, Pool pool, PoolOwnership owner) {
        Optional<PoolObservation> seen = zfs.observe(pool.name());
        PoolHealth health = seen.map(PoolObservation::health).orElse(PoolHealth.UNKNOWN);
        PoolStatus status = new PoolStatus(pool.name(), self, owner.epoch(), seen.isPresent(), health,
                seen.map(PoolObservation::layout).orElse(""),
                seen.map(o -> MemberDevices.name(pool, o.members())).orElse(List.of()),
                seen.map(PoolObservation::scrub).orElse(ScrubStatus.NONE),
                seen.map(PoolObservation::sizeBytes).orElse(0L), seen.map(PoolObservation::allocatedBytes).orElse(0L),
                zfs.volumeBackend(), "", Instant.now());
        statuses.report(status);
        lastError.remove(pool.name());
        PoolHealth before = lastHealth.put(pool.name(), health);
        if (before != health) {
            events.fire(new PoolEvent(PoolEvent.Kind.HEALTH_CHANGED, pool.name(), before + " -> " + health));
        }
    }

    private void fail(Pool pool, PoolOwnership owner, RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!message.equals(lastError.put(pool.name(), message))) {
            events.fire(new PoolEvent(PoolEvent.Kind.FAILED, pool.name(), message));
            LOG.warn("Pool {} on {}: {}", pool.name(), self, message, e);
        }
        if (owner.node().equals(self)) {
            statuses.report(new PoolStatus(pool.name(), self, owner.epoch(), false, PoolHealth.UNKNOWN, "", List.of(),
                    ScrubStatus.NONE, 0, 0, null, message, Instant.now()));
        }
    }
}
