package io.cairn.core.internal.compute;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreListener;
import io.cairn.api.task.Task;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.DataDirs;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives this node's hypervisor until its domains match the VMs this node owns: on store
 * changes, on tasks, and on a periodic full resync, so a restarted node converges by itself and
 * adopts the domains that kept running. Only the owner touches a VM's domain; a Cairn domain on
 * this host whose VM is gone or owned elsewhere is powered off.
 */
@Component(immediate = true, configurationPid = NodeConfig.PID)
public class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    @Reference
    private ClusterMember member;
    @Reference
    private ConsistentStore store;
    @Reference
    private TaskManager tasks;
    @Reference
    private VmStatusBoard statuses;
    @Reference
    private NodeLease lease;

    private final Map<String, ComputeDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, List<Task>> pending = new HashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<String, VmStatus> reported = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private static final long OUTCOME_TTL_NANOS = TimeUnit.MINUTES.toNanos(10);
    private final StoreListener storeListener = change -> schedule(VmKeys.nameOf(change.key()), null);

    private String self;
    private String hypervisor;
    private Duration stopTimeout;
    private ImageDirectory images;
    private Path consoleDir;
    private VmStore vms;
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private UUID taskListener;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(ComputeDriver driver, Map<String, Object> properties) {
        String type = String.valueOf(properties.getOrDefault(ComputeDriver.TYPE_PROPERTY, driver.type()));
        drivers.put(type, driver);
        LOG.info("Compute driver '{}' bound", type);
        resyncSoon();
    }

    void unbindDriver(ComputeDriver driver, Map<String, Object> properties) {
        String type = String.valueOf(properties.getOrDefault(ComputeDriver.TYPE_PROPERTY, driver.type()));
        drivers.remove(type, driver);
        LOG.warn("Compute driver '{}' unbound: its VMs on this node are unmanaged until it returns", type);
        resyncSoon();
    }

    @Activate
    void activate(NodeConfig config) throws IOException {
        self = member.settings().nodeName();
        hypervisor = config.hypervisor();
        stopTimeout = Duration.ofSeconds(config.stop_timeout_seconds());
        images = new ImageDirectory(config.image_dir());
        consoleDir = DataDirs.cairn().resolve("console");
        Files.createDirectories(consoleDir);
        vms = new VmStore(store);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(4, r -> daemon(r, "cairn-reconcile-" + n.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cairn-resync"));
        store.addListener(storeListener);
        taskListener = tasks.onQueued(self, task -> schedule(task.target(), task));
        timer.scheduleWithFixedDelay(this::resync, 1, config.resync_interval_seconds(), TimeUnit.SECONDS);
        LOG.info("Reconciler of node {} started: hypervisor {}, images in {}", self, hypervisor, images.root());
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
        tasks.removeListener(taskListener);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void resyncSoon() {
        ScheduledExecutorService t = timer;
        if (t != null && !t.isShutdown()) {
            t.execute(this::resync);
        }
    }

    /** Full pass: every VM this node owns, and every Cairn domain on this host. */
    void resync() {
        try {
            Set<String> names = new HashSet<>();
            vms.localOwners().forEach((name, owner) -> {
                if (self.equals(owner.node())) {
                    names.add(name);
                }
            });
            ComputeDriver driver = drivers.get(hypervisor);
            if (driver != null) {
                Map<UUID, String> byId = new HashMap<>();
                vms.localVms().forEach((name, e) -> byId.put(e.vm().id(), name));
                for (DomainInfo domain : driver.domains()) {
                    String name = byId.get(domain.vmId());
                    if (name == null) {
                        destroyOrphan(driver, domain, "its VM no longer exists");
                    } else {
                        names.add(name);
                    }
                }
            }
            names.forEach(name -> schedule(name, null));
        } catch (RuntimeException e) {
            LOG.error("Resync on node {} failed", self, e);
        }
    }

    /** Queues work for one VM; work for the same VM never runs twice at once. */
    private void schedule(String name, Task task) {
        synchronized (pending) {
            List<Task> queue = pending.computeIfAbsent(name, k -> new ArrayList<>());
            if (task != null) {
                queue.add(task);
            }
            if (busy.add(name)) {
                workers.execute(() -> drain(name));
            }
        }
    }

    private void drain(String name) {
        while (true) {
            List<Task> batch;
            synchronized (pending) {
                batch = pending.remove(name);
                if (batch == null) {
                    busy.remove(name);
                    return;
                }
            }
            try {
                reconcile(name, batch);
            } catch (RuntimeException e) {
                LOG.error("Reconciling VM {} failed", name, e);
            }
        }
    }

    private void reconcile(String name, List<Task> batch) {
        VmStore.Entry entry;
        Ownership owner;
        try {
            // Linearizable: a task can arrive (through Hazelcast) before this replica applied its change.
            entry = vms.get(name).orElse(null);
            owner = vms.owner(name).orElse(null);
        } catch (UnavailableException e) {
            // Cut off from the majority: act on the local replica; starting needs a claim, which fails.
            entry = vms.localVms().get(name);
            owner = vms.localOwners().get(name);
        }
        ComputeDriver driver = drivers.get(hypervisor);
        batch.forEach(t -> tasks.running(t, "running on " + self));
        if (driver == null) {
            String error = "compute driver '" + hypervisor + "' is not installed on node " + self;
            if (entry != null && owner != null && self.equals(owner.node())) {
                report(name, VmState.UNKNOWN, error);
            }
            batch.forEach(t -> tasks.failed(t, error));
            return;
        }
        if (entry == null || owner == null || !self.equals(owner.node())) {
            release(driver, name, entry, owner);
            String message = entry == null ? "VM removed from " + self : "not owned by " + self;
            batch.forEach(t -> tasks.succeeded(t, message));
            return;
        }
        Vm vm = entry.vm();
        try {
            String done = converge(driver, vm, owner, batch);
            String outcome = done == null ? lastOutcome(vm) : done;
            if (done != null) {
                outcomes.put(vm.name(), new Outcome(vm.power(), done, System.nanoTime()));
            }
            batch.forEach(t -> tasks.succeeded(t, outcome));
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("VM {} on node {}: {}", name, self, error);
            report(name, VmState.FAILED, error);
            batch.forEach(t -> tasks.failed(t, error));
        }
    }

    /** Makes the domain match the VM's wanted power state; carries out reboot and destroy requests. */
    private String converge(ComputeDriver driver, Vm vm, Ownership owner, List<Task> batch) {
        DomainInfo domain = driver.domain(vm.id()).orElse(null);
        if (domain != null && domain.epoch() < owner.epoch()) {
            // Started under an older ownership: whoever owned it since may have run it too.
            destroyOrphan(driver, domain, "its epoch " + domain.epoch() + " is older than the owner's " + owner.epoch());
            domain = null;
        }
        boolean running = domain != null && isUp(domain.state());
        boolean destroyRequested = batch.stream().anyMatch(t -> t.kind().equals("vm.destroy"));
        boolean rebootRequested = batch.stream().anyMatch(t -> t.kind().equals("vm.reboot"));
        if (destroyRequested && running) {
            driver.destroy(vm.id());
            report(vm.name(), VmState.STOPPED, null);
            return "powered off";
        }
        if (vm.power() == PowerState.RUNNING) {
            if (!running) {
                if (!lease.mayRunVms()) {
                    throw new UnavailableException(lease.problem());
                }
                Ownership claimed = vms.claim(vm.name(), owner, lease::commitUnderLease);
                report(vm.name(), VmState.STARTING, null);
                driver.start(request(vm, claimed));
                report(vm.name(), VmState.RUNNING, null);
                return "started on " + self;
            }
            if (rebootRequested) {
                driver.reboot(vm.id());
                report(vm.name(), VmState.RUNNING, null);
                return "reboot requested";
            }
            report(vm.name(), VmState.RUNNING, null);
            return null;
        }
        if (running) {
            report(vm.name(), VmState.STOPPING, null);
            boolean graceful = driver.shutdown(vm.id(), stopTimeout);
            report(vm.name(), VmState.STOPPED, null);
            return graceful ? "shut down by the guest (ACPI)"
                    : "guest did not shut down within " + stopTimeout.toSeconds() + " s; powered off";
        }
        report(vm.name(), VmState.STOPPED, null);
        return null;
    }

    /** What the last action on this VM did, if it brought it to its current wanted power state. */
    private String lastOutcome(Vm vm) {
        Outcome last = outcomes.get(vm.name());
        if (last != null && last.power() == vm.power() && System.nanoTime() - last.atNanos() < OUTCOME_TTL_NANOS) {
            return last.message();
        }
        return vm.power() == PowerState.RUNNING ? "running on " + self : "stopped";
    }

    private record Outcome(PowerState power, String message, long atNanos) {
    }

    /** A VM that is gone or owned elsewhere must not run here. */
    private void release(ComputeDriver driver, String name, VmStore.Entry entry, Ownership owner) {
        if (entry != null) {
            driver.domain(entry.vm().id()).ifPresent(d -> destroyOrphan(driver, d,
                    "VM " + name + " is owned by " + (owner == null ? "nobody" : owner.node())));
        } else {
            Set<UUID> known = new HashSet<>();
            vms.localVms().values().forEach(e -> known.add(e.vm().id()));
            driver.domains().stream().filter(d -> !known.contains(d.vmId()))
                    .forEach(d -> destroyOrphan(driver, d, "its VM no longer exists"));
        }
        reported.remove(name);
    }

    private void destroyOrphan(ComputeDriver driver, DomainInfo domain, String why) {
        LOG.warn("Powering off domain {} ({}) on node {}: {}", domain.name(), domain.vmId(), self, why);
        driver.destroy(domain.vmId());
    }

    private DomainRequest request(Vm vm, Ownership owner) {
        Path kernel = images.resolve(vm.spec().boot().kernel(), "boot.kernel");
        Path initrd = vm.spec().boot().initrd() == null ? null : images.resolve(vm.spec().boot().initrd(), "boot.initrd");
        return new DomainRequest(vm, self, owner.epoch(), kernel, initrd, consoleDir.resolve(vm.name() + ".log"));
    }

    private void report(String name, VmState state, String error) {
        VmStatus previous = reported.get(name);
        Instant since = previous != null && previous.state() == state ? previous.since() : Instant.now();
        VmStatus status = new VmStatus(state, self, since, error);
        if (!status.equals(previous)) {
            statuses.report(name, status);
            reported.put(name, status);
        }
    }

    private static boolean isUp(DomainState state) {
        return state == DomainState.RUNNING || state == DomainState.PAUSED || state == DomainState.SHUTTING_DOWN
                || state == DomainState.OTHER;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
