package io.cairn.core.internal.compute;

import io.cairn.core.internal.network.NicPorts;
import io.cairn.core.internal.storage.PoolVolumes;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.DriverAvailability;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.node.NodeActivity;
import io.cairn.api.node.NodeActivityService;
import io.cairn.api.node.NodeDriver;
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
import java.util.Comparator;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drives this node's hypervisor until its domains match the VMs this node owns: on store
 * changes, on tasks, and on a periodic full resync, so a restarted node converges by itself and
 * adopts the domains that kept running. Only the owner touches a VM's domain; a Cairn domain on
 * this host whose VM is gone or owned elsewhere is powered off.
 */
@Component(service = NodeActivityService.class, immediate = true, configurationPid = NodeConfig.PID)
public class Reconciler implements NodeActivityService {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    @Reference
    private ClusterMember member;
    @Reference
    private VmStore vms;
    @Reference
    private TaskManager tasks;
    @Reference
    private VmStatusBoard statuses;
    @Reference
    private NodeLease lease;
    @Reference
    private NicPorts nicPorts;
    // a VM's disks on this node's pools; without it only VMs without disks start
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PoolVolumes volumes;

    private static final String COMPUTE = "compute";
    private final Map<String, ComputeDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, List<Task>> pending = new HashMap<>();
    /** The tasks each VM's scheduled retry carries (guarded by {@link #pending}); a VM is here while one is due. */
    private final Map<String, List<Task>> retries = new HashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<String, VmStatus> reported = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private static final long OUTCOME_TTL_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long RETRY_MS = 1000;
    /** How often a resync re-publishes the statuses of converged VMs (soft state Hazelcast may have lost). */
    private static final long REPUBLISH_NANOS = TimeUnit.SECONDS.toNanos(60);
    private volatile long lastRepublishNanos = System.nanoTime();
    /** How long a task waits for a lease or a majority before it is reported failed. */
    private static final Duration TASK_PATIENCE = Duration.ofMinutes(2);
    // Only the VM keyspace wakes the reconciler: lease renewals and other keyspaces do not.
    private final Consumer<VmEvent> storeListener = event -> {
        if (concerns(event.vm())) {
            schedule(event.vm(), null);
        }
    };
    private final AtomicLong passes = new AtomicLong();

    private String self;
    private String hypervisor;
    private Duration stopTimeout;
    private ImageDirectory images;
    private Path consoleDir;
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private UUID taskListener;

    public Reconciler() {
    }

    /**
     * Outside OSGi (tests): with the given collaborators, console logs in {@code consoleDir}, and
     * the executors that run its passes and its timed work.
     */
    Reconciler(ClusterMember member, VmStore vms, TaskManager tasks, VmStatusBoard statuses, NodeLease lease,
               NicPorts nicPorts, Path consoleDir, ExecutorService workers, ScheduledExecutorService timer) {
        this.member = member;
        this.nicPorts = nicPorts;
        this.vms = vms;
        this.tasks = tasks;
        this.statuses = statuses;
        this.lease = lease;
        this.consoleDir = consoleDir;
        this.workers = workers;
        this.timer = timer;
    }

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
        NodeSettings settings = NodeSettings.from(config);
        self = member.settings().nodeName();
        hypervisor = settings.hypervisor();
        stopTimeout = settings.stopTimeout();
        images = new ImageDirectory(settings.imageDir());
        if (consoleDir == null) {
            consoleDir = DataDirs.cairn().resolve("console");
        }
        Files.createDirectories(consoleDir);
        if (workers == null) {
            AtomicInteger n = new AtomicInteger();
            workers = Executors.newFixedThreadPool(4, r -> daemon(r, "cairn-reconcile-" + n.incrementAndGet()));
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cairn-resync"));
        }
        vms.addListener(storeListener);
        lease.setLocalFence(this::fenceLocalDomains);
        // A queued task only wakes the pass that reports on it; what the pass does comes from the
        // consistent store alone, so a task written into Hazelcast by anyone changes nothing.
        taskListener = tasks.onQueued(self, "vm.", task -> schedule(task.target(), task));
        timer.scheduleWithFixedDelay(this::resync, 1, settings.resyncInterval().toSeconds(), TimeUnit.SECONDS);
        LOG.info("Reconciler of node {} started: hypervisor {}, images in {}", self, hypervisor, images.root());
    }

    @Deactivate
    void deactivate() {
        lease.setLocalFence(null);
        vms.removeListener(storeListener);
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

    /** Reconcile passes run since start (one per VM per wake-up), shown in {@code /cluster/state}. */
    @Override
    public NodeActivity activity() {
        return new NodeActivity(self, passes.get());
    }

    /**
     * Every bound compute driver, whether it is the one this node uses ({@code hypervisor} in
     * {@code etc/io.cairn.node.cfg}: the choice is explicit, never guessed from what is installed)
     * and whether it can run VMs on this host. The configured driver missing altogether is listed too.
     */
    @Override
    public List<NodeDriver> drivers() {
        List<NodeDriver> result = new ArrayList<>();
        drivers.forEach((type, driver) -> {
            DriverAvailability a = availabilityOf(driver);
            result.add(new NodeDriver(COMPUTE, type, type.equals(hypervisor), a.available(), a.reason()));
        });
        if (!drivers.containsKey(hypervisor)) {
            result.add(new NodeDriver(COMPUTE, hypervisor, true, false, notInstalled()));
        }
        result.sort(Comparator.comparing(NodeDriver::type));
        return List.copyOf(result);
    }

    private static DriverAvailability availabilityOf(ComputeDriver driver) {
        try {
            return driver.availability();
        } catch (RuntimeException e) {
            LOG.warn("Compute driver '{}' failed to tell whether it is available", driver.type(), e);
            return DriverAvailability.unavailable("its availability check failed: " + e);
        }
    }

    private String notInstalled() {
        return "compute driver '" + hypervisor + "' is not installed on node " + self;
    }

    /** Why the configured driver cannot run VMs here, or null when it can. */
    private String unusable(ComputeDriver driver) {
        if (driver == null) {
            return notInstalled();
        }
        DriverAvailability a = availabilityOf(driver);
        return a.available() ? null : "compute driver '" + hypervisor + "' is unavailable on node " + self + ": "
                + a.reason();
    }

    /**
     * The watchdog is gone: nothing outside this JVM would stop this node's domains if it hung,
     * so they are powered off now. True only when none is left on any bound driver.
     */
    boolean fenceLocalDomains() {
        boolean none = true;
        for (ComputeDriver driver : drivers.values()) {
            try {
                for (DomainInfo domain : driver.domains()) {
                    destroyOrphan(driver, domain, "the fencing watchdog of node " + self + " is lost");
                    vms.localVms().values().stream().filter(e -> e.vm().id().equals(domain.vmId())).findFirst()
                            .ifPresent(e -> report(e.vm().name(), VmState.FAILED, lease.problem()));
                }
                none &= driver.domains().isEmpty();
            } catch (RuntimeException e) {
                LOG.error("Node {} cannot power off its domains without a watchdog", self, e);
                none = false;
            }
        }
        return none;
    }

    /** Full pass: every VM this node owns, and every Cairn domain on this host. */
    void resync() {
        try {
            Map<String, Ownership> owners = vms.localOwners();
            Map<String, VmStore.Entry> local = vms.localVms();
            Set<String> names = new HashSet<>();
            owners.forEach((name, owner) -> {
                if (self.equals(owner.node())) {
                    names.add(name);
                }
            });
            ComputeDriver driver = drivers.get(hypervisor);
            Map<UUID, DomainInfo> domains = new HashMap<>();
            if (driver != null) {
                Map<UUID, String> byId = new HashMap<>();
                local.forEach((name, e) -> byId.put(e.vm().id(), name));
                List<DomainInfo> unknown = new ArrayList<>();
                for (DomainInfo domain : driver.domains()) {
                    domains.put(domain.vmId(), domain);
                    String name = byId.get(domain.vmId());
                    if (name == null) {
                        unknown.add(domain);
                    } else {
                        names.add(name);
                    }
                }
                destroyOrphans(driver, unknown);
            }
            // A pass only where reality and the (local) records differ: an idle node runs none.
            boolean republish = System.nanoTime() - lastRepublishNanos > REPUBLISH_NANOS;
            for (String name : names) {
                if (driver != null && converged(name, local.get(name), owners.get(name), domains)) {
                    if (republish) {
                        statuses.report(name, reported.get(name)); // soft state lost by Hazelcast comes back
                    }
                } else {
                    schedule(name, null);
                }
            }
            if (republish) {
                lastRepublishNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            LOG.error("Resync on node {} failed", self, e);
        }
    }

    /**
     * Whether a change of this VM's records is this node's business: its replica (which applied the change before the
     * event was delivered) names it the owner, or it acted on the VM before and may still run its domain, which a
     * move or a delete must stop. Any other node would only read the VM to find it is not its own — a linearizable
     * read on every node for every change anywhere. A domain this node runs without having reported it (found after
     * a restart) is the resync's: it passes over every domain on the host.
     */
    private boolean concerns(String name) {
        return reported.containsKey(name) || vms.localOwner(name).map(o -> self.equals(o.node())).orElse(false);
    }

    /** True when this node owns the VM, its domain is as wanted under the current epoch, and that was reported. */
    private boolean converged(String name, VmStore.Entry entry, Ownership owner, Map<UUID, DomainInfo> domains) {
        if (entry == null || owner == null || !self.equals(owner.node()) || vms.localRequest(name).isPresent()) {
            return false;
        }
        VmStatus last = reported.get(name);
        DomainInfo domain = domains.get(entry.vm().id());
        if (entry.vm().power() == PowerState.RUNNING) {
            return domain != null && isUp(domain.state()) && domain.epoch() == owner.epoch()
                    && last != null && last.state() == VmState.RUNNING;
        }
        return domain == null && last != null && last.state() == VmState.STOPPED;
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
                passes.incrementAndGet();
                reconcile(name, batch);
            } catch (RuntimeException e) {
                LOG.error("Reconciling VM {} failed", name, e);
            }
        }
    }

    private void reconcile(String name, List<Task> batch) {
        VmStore.Current current;
        String unavailable = null;
        try {
            // Linearizable, in one round: a task can arrive (through Hazelcast) before this replica applied its change.
            current = vms.current(name);
        } catch (UnavailableException e) {
            // Cut off from the majority: act on the local replica; starting needs a claim, which fails.
            // (A request seen only here is not acted on: taking it needs a commit under the lease.)
            current = vms.localCurrent(name);
            unavailable = e.getMessage();
        }
        VmStore.Entry entry = current.entry().orElse(null);
        Ownership owner = current.owner().orElse(null);
        ComputeDriver driver = drivers.get(hypervisor);
        batch.forEach(t -> tasks.running(t, "running on " + self));
        String unusableWhy = unusable(driver);
        if (unusableWhy != null) {
            if (entry != null && owner != null && self.equals(owner.node())) {
                report(name, VmState.UNKNOWN, unusableWhy);
            }
            batch.forEach(t -> tasks.failed(t, unusableWhy));
            return;
        }
        if (entry == null || owner == null || !self.equals(owner.node())) {
            if (entry != null) {
                release(driver, name, entry, owner); // powering off here is always safe
            }
            if (unavailable != null) {
                // the local replica may lag behind (a VM just created or moved here): decide later
                waitOrFail(name, batch, unavailable, false);
                return;
            }
            if (entry == null) {
                release(driver, name, null, owner);
            }
            String message = entry == null ? "VM removed from " + self : "not owned by " + self;
            batch.forEach(t -> tasks.succeeded(t, message));
            return;
        }
        Vm vm = entry.vm();
        try {
            String done = converge(driver, vm, owner, unavailable == null ? current.request().orElse(null) : null);
            String outcome = done == null ? lastOutcome(vm) : done;
            if (done != null) {
                outcomes.put(vm.name(), new Outcome(vm.power(), done, System.nanoTime()));
            }
            batch.forEach(t -> tasks.succeeded(t, outcome));
        } catch (UnavailableException e) {
            // No lease or no majority for now (a node just back, a leader change): the wanted
            // state stands, so try again shortly; the tasks wait, and fail only when it lasts.
            String error = e.getMessage();
            LOG.warn("VM {} on node {}: {}; retrying in {} ms", name, self, error, RETRY_MS);
            report(name, vm.power() == PowerState.RUNNING ? VmState.STARTING : VmState.UNKNOWN, error);
            waitOrFail(name, batch, error, true);
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("VM {} on node {}: {}", name, self, error);
            report(name, VmState.FAILED, error);
            batch.forEach(t -> tasks.failed(t, error));
        }
    }

    /**
     * The tasks wait for the next try (failed once they are older than {@link #TASK_PATIENCE});
     * a retry is scheduled for tasks still waiting, or always when {@code retryAnyway}.
     */
    private void waitOrFail(String name, List<Task> batch, String why, boolean retryAnyway) {
        List<Task> waiting = new ArrayList<>();
        for (Task t : batch) {
            if (Duration.between(t.created(), Instant.now()).compareTo(TASK_PATIENCE) > 0) {
                tasks.failed(t, why);
            } else {
                tasks.running(t, "waiting: " + why);
                waiting.add(t);
            }
        }
        if (retryAnyway || !waiting.isEmpty()) {
            retryLater(name, waiting);
        }
    }

    /**
     * One retry per VM at a time: every pass that fails (a store change, a resync, a task, the retry
     * itself) asks for one, and retries that each scheduled their own multiplied (seen as four passes a
     * second for one VM waiting for its pool); the tasks of later asks join the one scheduled.
     */
    private void retryLater(String name, List<Task> waiting) {
        ScheduledExecutorService t = timer;
        if (t == null || t.isShutdown()) {
            return;
        }
        synchronized (pending) {
            List<Task> scheduled = retries.get(name);
            if (scheduled != null) {
                waiting.stream().filter(w -> scheduled.stream().noneMatch(s -> s.id().equals(w.id())))
                        .forEach(scheduled::add);
                return;
            }
            retries.put(name, new ArrayList<>(waiting));
        }
        t.schedule(() -> {
            List<Task> due;
            synchronized (pending) {
                due = retries.remove(name);
            }
            if (due == null || due.isEmpty()) {
                schedule(name, null);
            } else {
                due.forEach(task -> schedule(name, task));
            }
        }, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the domain match the VM's wanted power state and carries out a pending reboot or
     * power-off request ({@code request}, read in the same round as the VM; null when none or when this node is
     * cut off, as taking one needs a commit under the lease anyway).
     */
    private String converge(ComputeDriver driver, Vm vm, Ownership owner, VmStore.Request request) {
        DomainInfo domain = driver.domain(vm.id()).orElse(null);
        if (domain != null && domain.epoch() < owner.epoch()) {
            // Started under an older ownership: whoever owned it since may have run it too.
            destroyOrphan(driver, domain, "its epoch " + domain.epoch() + " is older than the owner's " + owner.epoch());
            domain = null;
        }
        boolean running = domain != null && isUp(domain.state());
        if (request != null) {
            return carryOut(driver, vm, owner, request, running);
        }
        if (vm.power() == PowerState.RUNNING) {
            if (!running) {
                return start(driver, vm, owner);
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

    /**
     * A reboot or power-off request: taken under this node's lease before acting, so it acts at
     * most once — a request this node had already taken before a restart is only cleared.
     */
    private String carryOut(ComputeDriver driver, Vm vm, Ownership owner, VmStore.Request request, boolean running) {
        VmRequestRecord r = request.request();
        if (self.equals(r.takenBy())) {
            vms.finish(vm.name(), request);
            outcomes.put(vm.name(), new Outcome(vm.power(), "interrupted by a restart of " + self, System.nanoTime()));
            return "interrupted by a restart of " + self + "; not repeated";
        }
        VmStore.Request taken = vms.take(vm.name(), request, self, lease::commitUnderLease);
        String done;
        if (!running) {
            done = r.kind().equals(VmRequestRecord.DESTROY) ? "already powered off" : "not running: nothing to reboot";
            report(vm.name(), VmState.STOPPED, null);
        } else if (r.kind().equals(VmRequestRecord.DESTROY)) {
            driver.destroy(vm.id());
            report(vm.name(), VmState.STOPPED, null);
            done = "powered off";
        } else {
            driver.reboot(vm.id());
            report(vm.name(), VmState.RUNNING, null);
            done = "reboot requested";
        }
        vms.finish(vm.name(), taken);
        if (vm.power() == PowerState.RUNNING && !running) {
            schedule(vm.name(), null); // the wanted state still applies
        }
        return done;
    }

    /**
     * Claims the VM (a new epoch, under the lease), re-checks the lease right before the domain
     * starts and again after: a start that lands after the lease ran out (a pause in between) is
     * destroyed at once, and the watchdog, starved meanwhile, kills it too.
     */
    private String start(ComputeDriver driver, Vm vm, Ownership owner) {
        if (!lease.mayRunVms()) {
            throw new UnavailableException(lease.problem());
        }
        List<DomainDisk> disks = disks(vm); // before the claim: a pool not imported here waits without a new epoch
        Ownership claimed = vms.claim(vm.name(), owner, lease::commitUnderLease);
        report(vm.name(), VmState.STARTING, null);
        FailPoints.pause("before-domain-start");
        if (!lease.mayRunVms()) {
            throw new UnavailableException("not started: " + lease.problem());
        }
        driver.start(request(vm, claimed, disks));
        if (!lease.mayRunVms()) {
            driver.destroy(vm.id());
            throw new UnavailableException("started after the lease ran out, powered off again: " + lease.problem());
        }
        report(vm.name(), VmState.RUNNING, null);
        return "started on " + self;
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
            destroyOrphans(driver, driver.domains().stream().filter(d -> !known.contains(d.vmId())).toList());
        }
        reported.remove(name);
    }

    /**
     * Domains whose VM this node's replica does not know: the replica may lag behind a VM just
     * created through another node (and started here after a linearizable read), so each is
     * powered off only when a linearizable read confirms its VM is gone; cut off, none is.
     */
    private void destroyOrphans(ComputeDriver driver, List<DomainInfo> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Set<UUID> existing = new HashSet<>();
        try {
            vms.list().forEach(vm -> existing.add(vm.id()));
        } catch (UnavailableException e) {
            LOG.warn("Node {}: {} domain(s) unknown to its replica are left alone until the majority confirms "
                    + "their VMs are gone ({})", self, candidates.size(), e.getMessage());
            return;
        }
        for (DomainInfo domain : candidates) {
            if (!existing.contains(domain.vmId())) {
                destroyOrphan(driver, domain, "its VM no longer exists");
            }
        }
    }

    private void destroyOrphan(ComputeDriver driver, DomainInfo domain, String why) {
        LOG.warn("Powering off domain {} ({}) on node {}: {}", domain.name(), domain.vmId(), self, why);
        driver.destroy(domain.vmId());
    }

    private List<DomainDisk> disks(Vm vm) {
        PoolVolumes v = volumes;
        if (vm.spec().disks().isEmpty()) {
            return List.of();
        }
        if (v == null) {
            throw new UnavailableException("VM " + vm.name() + " has disks but the storage of node " + self
                    + " is not available");
        }
        return v.attach(vm);
    }

    private DomainRequest request(Vm vm, Ownership owner, List<DomainDisk> disks) {
        BootSpec boot = vm.spec().boot(); // null: the VM boots from its first disk, cloned from an image
        Path kernel = boot == null ? null : images.resolve(boot.kernel(), "boot.kernel");
        Path initrd = boot == null || boot.initrd() == null ? null : images.resolve(boot.initrd(), "boot.initrd");
        return new DomainRequest(vm, self, owner.epoch(), kernel, initrd, consoleDir.resolve(vm.name() + ".log"),
                disks, nicPorts.attach(vm));
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
