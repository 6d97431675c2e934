package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.storage.SnapshotName;
import io.cairn.api.task.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VM snapshots over {@link InMemoryServices}' VMs for the northbound tests: every operation is
 * checked as the core does (the same refusals), then carried out at once; its task is queued as
 * the real one is. Clones are VMs of {@link InMemoryServices}.
 */
public final class InMemoryVmSnapshots implements VmSnapshotService {
    private final InMemoryServices vms;
    /** VM name -> snapshot name -> record. */
    private final Map<String, Map<String, VmSnapshot>> snapshots = new LinkedHashMap<>();
    /** clone name -> "source@snapshot". */
    private final Map<String, String> origins = new LinkedHashMap<>();
    private long clock = Instant.parse("2025-01-02T03:04:07Z").getEpochSecond();

    public InMemoryVmSnapshots(InMemoryServices vms) {
        this.vms = vms;
    }

    public synchronized void reset() {
        snapshots.clear();
        origins.clear();
    }

    @Override
    public synchronized Task take(String vm, String name) {
        SnapshotName.require(name);
        VmDetails d = withDisks(vm, "snapshot");
        if (of(vm).containsKey(name)) {
            throw new ConflictException("VM '" + vm + "' already has a snapshot named '" + name + "'");
        }
        of(vm).put(name, new VmSnapshot(d.vm().id(), vm, name, Instant.ofEpochSecond(clock++), d.vm().spec()));
        return vms.task("snapshot.snapshot", vm);
    }

    @Override
    public synchronized List<VmSnapshot> snapshots(String vm) {
        vms.existing(vm);
        return List.copyOf(of(vm).values());
    }

    @Override
    public synchronized Optional<VmSnapshot> find(String vm, String name) {
        vms.existing(vm);
        return Optional.ofNullable(of(vm).get(name));
    }

    @Override
    public synchronized Task deleteSnapshot(String vm, String name) {
        require(vm, name);
        if (origins.containsValue(vm + "@" + name)) {
            throw new ConflictException("snapshot '" + name + "' of VM '" + vm + "' cannot be deleted: clones depend on it");
        }
        of(vm).remove(name);
        return vms.task("snapshot.delete-snapshot", vm);
    }

    @Override
    public synchronized Task rollback(String vm, String name) {
        VmSnapshot s = require(vm, name);
        if (vms.existing(vm).vm().power() != PowerState.STOPPED) {
            throw new ConflictException("VM '" + vm + "' is running: stop it before rolling it back to snapshot '"
                    + name + "'");
        }
        of(vm).values().removeIf(o -> o.created().isAfter(s.created()));
        return vms.task("snapshot.rollback", vm);
    }

    @Override
    public synchronized Task clone(String vm, String newName, String snapshot) {
        DnsLabel.require(newName, "name of the clone");
        VmDetails d = withDisks(vm, "clone");
        if (vms.vm(newName).isPresent()) {
            throw new ConflictException("a VM named '" + newName + "' already exists");
        }
        VmSpec from;
        String snap;
        if (snapshot == null || snapshot.isBlank()) {
            snap = "clone-" + newName;
            take(vm, snap);
            from = d.vm().spec();
        } else {
            snap = snapshot;
            from = require(vm, snapshot).spec();
        }
        List<NicSpec> nics = new ArrayList<>();
        from.nics().forEach(n -> nics.add(new NicSpec(n.network(), null, null)));
        vms.create(new VmSpec(newName, from.tenant(), from.vcpus(), from.memoryMiB(), nics, from.boot(),
                from.cloudInit(), from.ha(), from.node(), from.disks()));
        origins.put(newName, vm + "@" + snap);
        return vms.task("snapshot.clone", vm);
    }

    private Map<String, VmSnapshot> of(String vm) {
        return snapshots.computeIfAbsent(vm, k -> new LinkedHashMap<>());
    }

    private VmDetails withDisks(String vm, String what) {
        VmDetails d = vms.existing(vm);
        if (d.vm().spec().disks().isEmpty()) {
            throw new IllegalArgumentException("VM '" + vm + "' has no disks: nothing to " + what);
        }
        return d;
    }

    private VmSnapshot require(String vm, String name) {
        vms.existing(vm);
        VmSnapshot s = of(vm).get(name);
        if (s == null) {
            throw new NotFoundException("VM '" + vm + "' has no snapshot named '" + name + "'");
        }
        return s;
    }
}
