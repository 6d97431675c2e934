package io.cairn.compute.bhyve.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.DriverAvailability;
import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ComputeDriver} for FreeBSD bhyve. Each running VM is one bhyve process started by this driver
 * (after bhyveload for FreeBSD guests), tracked until it exits: a guest reboot (exit status 0) boots it
 * again with the same command line, a power-off or halt leaves it stopped, a triple fault or an error
 * shows the domain {@code CRASHED}. What bhyve keeps no metadata for — owner, epoch, PCI slots, taps,
 * console — is a {@link VmRecord} in the run directory, read back to adopt running VMs after a restart.
 * Where bhyve cannot run (any OS but FreeBSD, or a FreeBSD without vmm), the driver still registers and
 * reports itself unavailable with the reason.
 */
@Component(service = ComputeDriver.class, property = ComputeDriver.TYPE_PROPERTY + "=" + BhyveComputeDriver.TYPE,
        configurationPid = BhyveComputeDriver.PID)
@Designate(ocd = BhyveConfig.class)
public final class BhyveComputeDriver implements ComputeDriver {
    public static final String TYPE = "bhyve";
    public static final String PID = "io.cairn.compute.bhyve";

    private static final Logger LOG = LoggerFactory.getLogger(BhyveComputeDriver.class);
    /** How long an availability answer is reused before the host is probed again. */
    private static final Duration AVAILABILITY_TTL = Duration.ofSeconds(30);
    /** bhyveload runs the FreeBSD loader, whose autoboot countdown alone may take 10 s. */
    private static final Duration LOADER_TIMEOUT = Duration.ofMinutes(2);

    @Reference
    private HostCommands host;

    private BhyveSettings settings;
    private HostProbe probe;
    private BhyveArgv argv;
    private VmRecords records;
    private TapNetwork taps;
    private RctlLimits limits;
    private ExecutorService supervisor;
    private volatile boolean closed;
    private volatile BhyveAvailability availability;
    private volatile long availabilityCheckedNanos;

    private final Object lock = new Object();
    private final Map<UUID, Live> live = new ConcurrentHashMap<>();

    /** For Declarative Services; {@link #activate(BhyveConfig)} follows. */
    public BhyveComputeDriver() {
    }

    /** Outside OSGi (tests): a host to run programs on, settings, and what the host has. */
    BhyveComputeDriver(HostCommands host, BhyveSettings settings, HostProbe probe) {
        this.host = host;
        open(settings, probe);
    }

    @Activate
    void activate(BhyveConfig config) {
        BhyveSettings s = BhyveSettings.from(config);
        open(s, HostProbe.of(host, s));
        DriverAvailability a = availability();
        if (a.available()) {
            LOG.info("bhyve driver ready: run directory {}, bridge {}, at most {} vCPUs per VM", s.runDir(), s.bridge(),
                    availability.maxVcpus());
        } else {
            LOG.info("bhyve driver installed but unavailable on this host: {}", a.reason());
        }
    }

    @Deactivate
    void deactivate() {
        close();
    }

    /** Stops watching; running bhyve processes are left alone (the next driver adopts them). */
    void close() {
        closed = true;
        supervisor.shutdownNow();
    }

    private void open(BhyveSettings s, HostProbe p) {
        this.settings = s;
        this.probe = p;
        this.argv = new BhyveArgv(s);
        this.records = new VmRecords(s.runDir());
        this.taps = new TapNetwork(host, s);
        this.limits = new RctlLimits(host, s);
        this.supervisor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-bhyve-supervisor");
            t.setDaemon(true);
            return t;
        });
        refreshAvailability();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DriverAvailability availability() {
        if (System.nanoTime() - availabilityCheckedNanos > AVAILABILITY_TTL.toNanos()) {
            refreshAvailability();
        }
        return availability.availability();
    }

    private void refreshAvailability() {
        availability = BhyveAvailability.check(probe, settings);
        availabilityCheckedNanos = System.nanoTime();
    }

    // --- listing ---

    @Override
    public List<DomainInfo> domains() {
        List<DomainInfo> result = new ArrayList<>();
        for (VmRecord r : records.list()) {
            info(r).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    @Override
    public Optional<DomainInfo> domain(UUID vmId) {
        return records.get(vmId).flatMap(this::info);
    }

    private Optional<DomainInfo> info(VmRecord r) {
        Live l;
        synchronized (lock) {
            l = track(r);
        }
        if (l == null) {
            return Optional.empty();
        }
        DomainState state = l.crash != null ? DomainState.CRASHED
                : l.stopping ? DomainState.SHUTTING_DOWN : DomainState.RUNNING;
        return Optional.of(new DomainInfo(r.vmId(), r.bhyveName(), state, r.owner(), r.epoch()));
    }

    /**
     * The live state of a record: tracked already, or its bhyve adopted (after a restart of Karaf), or
     * null when none runs — a record whose bhyve died meanwhile gets its host resources freed.
     */
    private Live track(VmRecord r) {
        Live l = live.get(r.vmId());
        if (l != null) {
            return l;
        }
        if (r.pid() == 0) {
            return null;
        }
        Optional<BhyveProcess> adopted = BhyveProcess.adopt(r.pid(), r.pidStart(), settings.programs().bhyve());
        if (adopted.isEmpty()) {
            LOG.warn("bhyve of VM {} (pid {}) ended while this driver was not watching; freeing its resources",
                    r.vmName(), r.pid());
            freeResources(r, r.pid());
            return null;
        }
        LOG.info("Adopted running bhyve of VM {} (pid {}, owner {} epoch {})", r.vmName(), r.pid(), r.owner(), r.epoch());
        return watch(r.vmId(), null, adopted.get());
    }

    // --- start ---

    @Override
    public void start(DomainRequest request) {
        UUID id = request.vm().id();
        BhyveAvailability a = availability;
        if (!a.availability().available()) {
            throw new UnavailableException("bhyve cannot run VM " + request.vm().name() + " on this host: "
                    + a.availability().reason());
        }
        MachineSpec spec = MachineSpec.from(request, a.maxVcpus()); // every refusal happens here, before any program
        synchronized (lock) {
            Optional<VmRecord> existing = records.get(id);
            Live l = existing.map(this::track).orElse(null);
            if (l != null && l.crash == null) {
                adoptOwnership(existing.get(), request);
                return;
            }
            if (l != null) {
                live.remove(id); // crashed: boot it again
            }
            boot(spec, existing.orElse(null), request.owner(), request.epoch());
        }
    }

    /** The VM already runs: refuse a stale owner, record a newer epoch. */
    private void adoptOwnership(VmRecord current, DomainRequest request) {
        if (request.epoch() < current.epoch()) {
            throw new ConflictException("bhyve VM " + current.bhyveName() + " runs under owner " + current.owner()
                    + " epoch " + current.epoch() + "; refusing stale epoch " + request.epoch() + " of " + request.owner());
        }
        if (request.epoch() != current.epoch() || !request.owner().equals(current.owner())) {
            records.put(current.withOwner(request.owner(), request.epoch()));
        }
    }

    private void boot(MachineSpec spec, VmRecord previous, String owner, long epoch) {
        Map<String, Integer> slots = SlotAllocator.assign(SlotAllocator.keys(spec),
                previous == null ? Map.of() : previous.slots());
        int unit = previous != null ? previous.nmdmUnit() : freeNmdmUnit();
        Map<String, String> tapsByMac = new HashMap<>();
        for (String mac : spec.macs()) {
            String known = previous == null ? null : previous.taps().get(mac);
            if (known != null && taps.exists(known) && taps.holder(known).isEmpty()) {
                taps.attach(known);
                tapsByMac.put(mac, known);
            } else {
                tapsByMac.put(mac, taps.create(spec.vmName(), mac));
            }
        }
        Machine machine = new Machine(spec, slots, tapsByMac, unit);
        VmRecord record = new VmRecord(spec.vmId(), spec.vmName(), owner, epoch, spec.bhyveName(), 0, null, unit, slots,
                tapsByMac);
        records.put(record);
        launch(machine, record);
    }

    private int freeNmdmUnit() {
        Set<Integer> used = new HashSet<>();
        records.list().forEach(r -> used.add(r.nmdmUnit()));
        int unit = settings.nmdmBase();
        while (used.contains(unit)) {
            unit++;
        }
        return unit;
    }

    /** Frees a leftover kernel instance, loads the guest if it needs bhyveload, starts bhyve, applies the limits. */
    private void launch(Machine machine, VmRecord record) {
        String name = machine.spec().bhyveName();
        destroyInstance(name);
        List<String> loader = argv.bhyveload(machine);
        if (!loader.isEmpty()) {
            host.run(loader, LOADER_TIMEOUT);
        }
        BhyveProcess p = BhyveProcess.started(host.start(argv.bhyve(machine), records.outputLog(record.vmId())));
        records.put(record.withProcess(p.pid(), p.started()));
        Live l = watch(record.vmId(), machine, p);
        LOG.info("Started bhyve of VM {} (pid {}); console: cu -l {}", machine.spec().vmName(), p.pid(),
                machine.operatorConsole());
        try {
            limits.apply(p.pid(), machine.spec().cpus());
        } catch (RuntimeException e) {
            l.stopping = true;
            p.kill();
            throw new IllegalStateException("VM " + machine.spec().vmName() + " was stopped again: its rctl limits "
                    + "could not be applied: " + e.getMessage(), e);
        }
    }

    private Live watch(UUID id, Machine machine, BhyveProcess p) {
        Live l = new Live(machine, p);
        live.put(id, l);
        Executor onSupervisor = task -> {
            if (closed) {
                LOG.info("bhyve pid {} ended after the driver stopped; the next driver frees its resources", p.pid());
            } else {
                supervisor.execute(task);
            }
        };
        p.onExit().thenAcceptAsync(status -> exited(id, l, status), onSupervisor);
        return l;
    }

    // --- exits ---

    private void exited(UUID id, Live l, OptionalInt status) {
        synchronized (lock) {
            try {
                if (live.get(id) != l) {
                    return; // superseded
                }
                VmRecord r = records.get(id).orElse(null);
                String how = status.isPresent() ? BhyveExit.describe(status.getAsInt())
                        : "bhyve (adopted after a restart, so its exit status is unknown) ended";
                BhyveExit exit = status.isPresent() ? BhyveExit.of(status.getAsInt()) : BhyveExit.UNKNOWN;
                String vm = r == null ? id.toString() : r.vmName();
                if (!l.stopping && exit.restarts() && l.machine != null && r != null) {
                    LOG.info("VM {}: {}; starting it again", vm, how);
                    reboot(l, r);
                    return;
                }
                if (r != null) {
                    freeResources(r, l.process.pid());
                }
                if (!l.stopping && exit.crashed() && status.isPresent()) {
                    LOG.warn("VM {}: {}", vm, how);
                    live.put(id, l.crashed(how));
                } else {
                    LOG.info("VM {}: {}", vm, how);
                    live.remove(id);
                }
            } finally {
                l.ended.complete(null);
            }
        }
    }

    /** A guest reboot: a fresh kernel instance and the same command line (same slots, taps and console). */
    private void reboot(Live l, VmRecord r) {
        try {
            launch(l.machine, r);
        } catch (RuntimeException e) {
            LOG.error("VM {} rebooted but could not be started again", r.vmName(), e);
            freeResources(records.get(r.vmId()).orElse(r), l.process.pid());
            live.put(r.vmId(), l.crashed("it rebooted but could not be started again: " + e.getMessage()));
        }
    }

    /** The kernel instance and taps of a VM whose bhyve ended; its record stays (slots, console) with pid 0. */
    private void freeResources(VmRecord r, long formerPid) {
        try {
            destroyInstance(r.bhyveName());
        } catch (HostCommandException e) {
            LOG.error("Could not free the bhyve instance {} of VM {}: {}", r.bhyveName(), r.vmName(), e.getMessage());
        }
        for (String tap : r.taps().values()) {
            try {
                taps.destroy(tap, formerPid);
            } catch (HostCommandException e) {
                LOG.error("Could not destroy tap {} of VM {}: {}", tap, r.vmName(), e.getMessage());
            }
        }
        records.put(r.withProcess(0, null));
    }

    /** {@code bhyvectl --destroy}; a VM that does not exist is fine. */
    private void destroyInstance(String bhyveName) {
        CommandResult r = host.exec(argv.destroy(bhyveName), settings.commandTimeout());
        if (!r.succeeded() && !BhyvectlOutput.notCreated(r.stdout(), bhyveName)) {
            throw new HostCommandException(r.argv(), r.exitCode(), r.stderr(), "exited with status " + r.exitCode(), null);
        }
    }

    // --- stop, destroy, reboot ---

    @Override
    public boolean shutdown(UUID vmId, Duration timeout) {
        Duration wait = timeout == null || timeout.isZero() ? settings.shutdownTimeout() : timeout;
        Live l;
        synchronized (lock) {
            l = running(vmId);
            if (l == null) {
                return true;
            }
            l.stopping = true;
            // bhyve(8) SIGNAL HANDLING: SIGTERM triggers an ACPI power-off of the guest
            host.run(List.of(settings.programs().kill().toString(), "-TERM", Long.toString(l.process.pid())),
                    settings.commandTimeout());
        }
        if (await(l, wait)) {
            return true;
        }
        LOG.info("VM {} did not shut down within {}; powering it off", vmId, wait);
        destroy(vmId);
        return false;
    }

    @Override
    public void destroy(UUID vmId) {
        Live l;
        synchronized (lock) {
            Optional<VmRecord> r = records.get(vmId);
            l = r.map(this::track).orElse(null);
            if (l == null) {
                return;
            }
            if (l.crash != null) {
                live.remove(vmId);
                return;
            }
            l.stopping = true;
            CommandResult off = host.exec(argv.forcePoweroff(r.get().bhyveName()), settings.commandTimeout());
            if (!off.succeeded()) {
                LOG.warn("bhyvectl --force-poweroff of VM {} failed ({}); killing its bhyve", r.get().vmName(),
                        off.stderr().strip() + off.stdout().strip());
                l.process.kill();
            }
        }
        if (await(l, settings.commandTimeout())) {
            return;
        }
        LOG.warn("bhyve of VM {} (pid {}) did not exit after a forced power-off; killing it", vmId, l.process.pid());
        l.process.kill();
        if (!await(l, settings.commandTimeout())) {
            throw new IllegalStateException("bhyve pid " + l.process.pid() + " of VM " + vmId + " did not exit after "
                    + "SIGKILL within " + settings.commandTimeout());
        }
    }

    @Override
    public void reboot(UUID vmId) {
        synchronized (lock) {
            Live l = running(vmId);
            if (l == null) {
                throw new NotFoundException("no running bhyve VM " + vmId + " on this host");
            }
            // bhyve has no ACPI reboot request: a reset makes it exit 0 (rebooted), and the driver boots it again
            host.run(argv.forceReset(records.get(vmId).orElseThrow().bhyveName()), settings.commandTimeout());
        }
    }

    private Live running(UUID vmId) {
        Live l = records.get(vmId).map(this::track).orElse(null);
        return l == null || l.crash != null || !l.process.isAlive() ? null : l;
    }

    /** Waits until the VM's bhyve has ended and its exit was handled. */
    private static boolean await(Live l, Duration wait) {
        try {
            l.ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("handling the exit of bhyve pid " + l.process.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for bhyve pid " + l.process.pid() + " to exit", e);
        }
    }

    /** The last known exit of a VM that crashed, for tests and logs. */
    Optional<String> crash(UUID vmId) {
        Live l = live.get(vmId);
        return l == null ? Optional.empty() : Optional.ofNullable(l.crash);
    }

    /** A VM's bhyve as this driver watches it; {@code machine} is null for one adopted after a restart. */
    private static final class Live {
        final Machine machine;
        final BhyveProcess process;
        final String crash;
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile boolean stopping;

        Live(Machine machine, BhyveProcess process) {
            this(machine, process, null);
        }

        private Live(Machine machine, BhyveProcess process, String crash) {
            this.machine = machine;
            this.process = process;
            this.crash = crash;
        }

        Live crashed(String how) {
            Live c = new Live(machine, process, how);
            c.ended.complete(null);
            return c;
        }
    }
}
