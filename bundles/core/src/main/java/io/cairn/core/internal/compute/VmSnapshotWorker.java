package io.cairn.core.internal.compute;

import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.storage.StorageDriver;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.fencing.NodeLease;
import io.cairn.core.internal.storage.PoolOwnerFence;
import io.cairn.core.internal.storage.StorageNodeConfig;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs this node's share of the VM snapshot requests ({@link VmSnapshotRequests}: those of the pools
 * it owns) on every change of the snapshot keyspace and on a periodic resync, one at a time.
 */
@Component(immediate = true, configurationPid = StorageNodeConfig.PID)
public class VmSnapshotWorker {
    private static final Logger LOG = LoggerFactory.getLogger(VmSnapshotWorker.class);

    @Reference
    private VmSnapshotStore snapshots;
    @Reference
    private VmStore vms;
    @Reference
    private VmManager manager;
    @Reference
    private PoolOwnerFence pools;
    @Reference
    private NodeLease lease;
    @Reference
    private TaskManager tasks;
    @Reference
    private ClusterMember member;

    private final Map<String, StorageDriver> storageDrivers = new ConcurrentHashMap<>();
    private final Map<String, ComputeDriver> computeDrivers = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Consumer<VmSnapshotEvent> listener = e -> soon();
    private volatile String driverName = "zfs";
    private ScheduledExecutorService worker;
    private VmSnapshotRequests requests;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        storageDrivers.put(String.valueOf(properties.get("cairn.driver")), driver);
        soon();
    }

    void unbindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        storageDrivers.remove(String.valueOf(properties.get("cairn.driver")), driver);
    }

    // a deleted VM's disks go, and a rollback happens, only once no hypervisor here runs its domain
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindComputeDriver(ComputeDriver driver, Map<String, Object> properties) {
        computeDrivers.put(String.valueOf(properties.get(ComputeDriver.TYPE_PROPERTY)), driver);
    }

    void unbindComputeDriver(ComputeDriver driver, Map<String, Object> properties) {
        computeDrivers.remove(String.valueOf(properties.get(ComputeDriver.TYPE_PROPERTY)), driver);
    }

    @Activate
    void activate(StorageNodeConfig config) {
        driverName = config.driver();
        String self = member.settings().nodeName();
        requests = new VmSnapshotRequests(snapshots, vms, (spec, id, alongside) -> manager.create(spec, id, alongside),
                pools, tasks, lease::commitUnderLease, this::hasDomain, self);
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-vm-snapshots");
            t.setDaemon(true);
            return t;
        });
        snapshots.addListener(listener);
        worker.scheduleWithFixedDelay(this::pass, 1, config.resync_interval_seconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        snapshots.removeListener(listener);
        worker.shutdownNow();
    }

    private boolean hasDomain(UUID vmId) {
        return computeDrivers.values().stream().anyMatch(d -> d.domain(vmId).isPresent());
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
            StorageDriver driver = storageDrivers.get(driverName);
            List<VmSnapshotStore.Request> pending = snapshots.localRequests();
            if (driver == null || pending.isEmpty()) {
                return;
            }
            List<String> imported = driver.importedPools();
            for (VmSnapshotStore.Request request : pending) {
                try {
                    requests.pass(driver, imported, request);
                } catch (RuntimeException e) {
                    LOG.warn("VM snapshot request {} of VM {}: pass failed; the next pass retries",
                            request.request().id(), request.request().vm(), e);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("VM snapshot pass failed; the next pass retries", e);
        }
    }
}
