package io.cairn.metering.internal;

import io.cairn.api.state.Versioned;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmAdmission;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.metering.Allocation;
import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseKind;
import io.cairn.api.metering.LicenseListener;
import io.cairn.api.metering.LicenseRejectedException;
import io.cairn.api.metering.LicenseService;
import io.cairn.api.metering.LicenseStatus;
import io.cairn.api.metering.LicenseWarning;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The cluster's licence: installs verified licence files, and as a {@link VmAdmission} refuses a create or start
 * that would take a perpetual licence's allocation above 133% of its contract (above 100%: a warning event):
 * vCPUs and memory of the running VMs, storage of the disks of all VMs (running or stopped).
 * Without a licence, or with a subscription, nothing is limited (usage is billed).
 */
@Component(service = {LicenseService.class, VmAdmission.class}, configurationPid = MeteringConfig.PID)
public class LicenseManager implements LicenseService, VmAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(LicenseManager.class);
    private static final int KEPT_WARNINGS = 20;

    @Reference
    private LicenseStore store;
    @Reference
    private VmService vms;

    private final Clock clock;
    private final List<LicenseListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<LicenseWarning> warnings = new ArrayDeque<>();
    private volatile LicenseVerifier verifier;

    public LicenseManager() {
        this.clock = Clock.systemUTC();
    }

    LicenseManager(LicenseStore store, VmService vms, LicenseVerifier verifier, Clock clock) {
        this.store = store;
        this.vms = vms;
        this.verifier = verifier;
        this.clock = clock;
    }

    @Activate
    @Modified
    void activate(MeteringConfig config) {
        verifier = LicenseVerifier.fromConfig(config.license_public_keys());
    }

    @Override
    public LicenseStatus status() {
        String clusterId = store.clusterId();
        Optional<String> file = store.current();
        License license = null;
        boolean valid = false;
        if (file.isPresent()) {
            license = LicenseFile.parse(file.get()).license();
            valid = verified(file.get(), clusterId).isPresent();
        }
        return new LicenseStatus(clusterId, license, valid, currentAllocation(), warnings());
    }

    @Override
    public License install(String licenseFile) {
        License license = verifier.verify(licenseFile, store.clusterId(), clock.instant());
        store.install(licenseFile);
        LOG.info("Installed licence {} ({}, for {}, valid until {})", license.id(),
                license.kind().name().toLowerCase(java.util.Locale.ROOT), license.customer(), license.notAfter());
        return license;
    }

    /**
     * Active while a licence is installed that may refuse: a perpetual one, or one that no longer verifies
     * (expired, tampered, other cluster). A valid subscription, or none, limits nothing. Read linearizably:
     * a create sent to another node right after the install must be limited (a lagging replica let one
     * past the limit unwarned).
     */
    @Override
    public boolean active() {
        return limits(store.current());
    }

    /**
     * {@link #active()} on this node's replica, with a condition that the licence is still the one read: a create
     * or start decided on a replica that has not seen a licence installed through another node fails that
     * condition and is asked again with {@link #active()}. Saves a linearizable read (a leader round) per create
     * and start.
     */
    @Override
    public Activity localActivity() {
        Optional<Versioned> seen = store.currentLocal();
        return new Activity(limits(seen.map(Versioned::value)), List.of(LicenseStore.unchanged(seen)));
    }

    private boolean limits(Optional<String> file) {
        if (file.isEmpty()) {
            return false;
        }
        try {
            return verifier.verify(file.get(), store.clusterId(), clock.instant()).kind() == LicenseKind.PERPETUAL;
        } catch (LicenseRejectedException e) {
            return true;
        }
    }

    /** Asked without the stopped VMs (by a core built against compute 1.2): reads them itself. */
    @Override
    public void admit(Action action, VmSpec candidate, List<VmSpec> running) {
        List<VmSpec> all = vms.vms().stream().map(d -> d.vm().spec())
                .filter(s -> !s.name().equals(candidate.name())).toList();
        admit(action, candidate, running, all);
    }

    /**
     * A create is judged by the VM's own vCPUs and memory (it does not run yet; it must fit alone) and by the
     * storage of all the VMs with its disks added; a start by the vCPUs and memory of the running VMs with it added
     * (its disks were counted at its create: a start adds no storage).
     */
    @Override
    public void admit(Action action, VmSpec candidate, List<VmSpec> running, List<VmSpec> all) {
        Optional<String> file = store.current();
        if (file.isEmpty()) {
            return;
        }
        License license;
        try {
            license = verifier.verify(file.get(), store.clusterId(), clock.instant());
        } catch (LicenseRejectedException e) {
            throw new UnsatisfiableException("VM '" + candidate.name() + "' not admitted: the installed " + e.getMessage()
                    + "; install a valid licence (license:install or PUT /cairn/v1/license)");
        }
        if (license.kind() != LicenseKind.PERPETUAL) {
            return;
        }
        String refusal;
        String warning;
        if (action == Action.START) {
            Allocation before = allocation(running, List.of());
            Allocation after = new Allocation(before.vcpus() + candidate.vcpus(),
                    before.memoryMiB() + candidate.memoryMiB(), 0);
            Limits.Verdict verdict = Limits.check(license, before, after);
            refusal = verdict.refusal();
            warning = verdict.warning();
        } else {
            long others = DiskSpace.mib(all);
            Limits.Verdict alone = Limits.check(license, new Allocation(0, 0, 0),
                    new Allocation(candidate.vcpus(), candidate.memoryMiB(), 0));
            Limits.Verdict storage = Limits.check(license, new Allocation(0, 0, DiskSpace.gib(others)),
                    new Allocation(0, 0, DiskSpace.gib(others + DiskSpace.mib(candidate))));
            refusal = Stream.of(alone.refusal(), storage.refusal()).filter(Objects::nonNull)
                    .reduce((x, y) -> x + "; " + y).orElse(null);
            warning = storage.warning();
        }
        if (refusal != null) {
            LOG.warn("Refused to {} VM {}: {}", action.name().toLowerCase(java.util.Locale.ROOT), candidate.name(),
                    refusal);
            throw new UnsatisfiableException("VM '" + candidate.name() + "' not admitted: " + refusal);
        }
        if (warning != null) {
            warn(new LicenseWarning(clock.instant(), "VM '" + candidate.name() + "' "
                    + (action == Action.START ? "started" : "created") + ": " + warning));
        }
    }

    private void warn(LicenseWarning warning) {
        LOG.warn("Licence warning: {}", warning.message());
        synchronized (warnings) {
            warnings.addLast(warning);
            while (warnings.size() > KEPT_WARNINGS) {
                warnings.removeFirst();
            }
        }
        listeners.forEach(l -> l.warned(warning));
    }

    private List<LicenseWarning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private Optional<License> verified(String file, String clusterId) {
        try {
            return Optional.of(verifier.verify(file, clusterId, clock.instant()));
        } catch (LicenseRejectedException e) {
            LOG.warn("The installed {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** vCPUs and memory of {@code running}, storage of the disks of {@code all}. */
    private static Allocation allocation(List<VmSpec> running, List<VmSpec> all) {
        int vcpus = 0;
        long memory = 0;
        for (VmSpec s : running) {
            vcpus += s.vcpus();
            memory += s.memoryMiB();
        }
        return new Allocation(vcpus, memory, DiskSpace.gib(DiskSpace.mib(all)));
    }

    /** What the cluster's VMs take now: the running ones' vCPUs and memory, all VMs' disks. */
    private Allocation currentAllocation() {
        List<Vm> all = vms.vms().stream().map(VmDetails::vm).toList();
        return allocation(all.stream().filter(vm -> vm.power() == PowerState.RUNNING).map(Vm::spec).toList(),
                all.stream().map(Vm::spec).toList());
    }

    @Override
    public void addListener(LicenseListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LicenseListener listener) {
        listeners.remove(listener);
    }
}
