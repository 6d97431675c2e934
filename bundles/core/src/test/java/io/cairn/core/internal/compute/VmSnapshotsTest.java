package io.cairn.core.internal.compute;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.storage.VolumeBackend;
import io.cairn.api.storage.VolumeSnapshot;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.storage.PoolOwnerFence;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VM snapshots asked through {@link VmSnapshotManager} and carried out by the pool owner's
 * {@link VmSnapshotRequests}, over an in-memory store with the real conditions and a driver that
 * models a VM's volumes and snapshots as ZFS does (a clone's origin cannot be destroyed).
 */
class VmSnapshotsTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final VmStore vms = new VmStore(raw);
    private final VmSnapshotStore store = new VmSnapshotStore(raw);
    private final PoolOwnerFence pools = PoolOwnerFence.over(raw);
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final Volumes driver = new Volumes();
    private final Set<UUID> domains = new HashSet<>();
    private final VmSnapshotManager manager = new VmSnapshotManager(vms, store, pools, tasks);
    private Vm web;

    @BeforeEach
    void setUp() {
        raw.put("storage/owner/tank", "{\"pool\":\"tank\",\"node\":\"n1\"}", StoreOp.ANY);
        web = new Vm(UUID.randomUUID(), new VmSpec("web", null, 2, 256, List.of(new NicSpec("lan", null, "10.0.0.5")),
                new BootSpec("vmlinuz", null, null), null, false, null,
                List.of(new VmDisk("data", "tank", 64), new VmDisk("logs", "tank", 16))), PowerState.RUNNING,
                Instant.now());
        vms.create(web, "n1");
        driver.made(web);
    }

    private VmSnapshotRequests owner(String node) {
        return new VmSnapshotRequests(store, vms, (spec, id, alongside) -> vms.create(new Vm(id, spec, PowerState.STOPPED,
                Instant.now()), "n1", List.of(), alongside), pools, tasks, raw::commit, domains::contains, node);
    }

    /** One pass of {@code node} over what its replica shows. */
    private void pass(String node) {
        store.localRequests().forEach(r -> owner(node).pass(driver, List.of("tank"), r));
    }

    private Task done(Task task) {
        return tasks.byId.get(task.id());
    }

    private void stop() {
        vms.setPower(vms.require("web"), PowerState.STOPPED);
    }

    @Test
    void aSnapshotOfARunningVmIsOneCallOnItsOwnerAndRecordsItsWholeSpec() {
        Task task = manager.take("web", "s1");
        assertEquals("n1", task.node());
        assertEquals("snapshot.snapshot", task.kind());
        pass("n2");
        assertTrue(driver.calls.isEmpty(), "only the pool's owner acts: " + driver.calls);
        pass("n1");
        assertEquals(TaskState.SUCCEEDED, done(task).state(), done(task).toString());
        assertEquals(List.of("snapshotVm " + web.id() + "@s1"), driver.calls);
        VmSnapshot s = manager.find("web", "s1").orElseThrow();
        assertEquals(web.spec(), s.spec(), "NICs with their MACs, disks, vCPUs, memory");
        assertTrue(store.request(web.id()).isEmpty(), "the request is gone with the outcome recorded");
    }

    @Test
    void aTakenNameABadNameAVmWithoutDisksAndAPendingRequestAreRefusedWithNothingWritten() {
        manager.take("web", "s1");
        pass("n1");
        long index = raw.health().commitIndex();
        ConflictException taken = assertThrows(ConflictException.class, () -> manager.take("web", "s1"));
        assertTrue(taken.getMessage().contains("already has a snapshot named 's1'"), taken.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> manager.take("web", "a b"));
        assertTrue(bad.getMessage().contains("no '@', '/' or space"), bad.getMessage());
        vms.create(new Vm(UUID.randomUUID(), new VmSpec("bare", null, 1, 64, List.of(), new BootSpec("k", null, null),
                null, false, null), PowerState.STOPPED, Instant.now()), "n1");
        index = raw.health().commitIndex();
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> manager.take("bare", "s1"));
        assertTrue(bare.getMessage().contains("has no disks"), bare.getMessage());
        assertThrows(NotFoundException.class, () -> manager.take("nope", "s1"));
        assertEquals(index, raw.health().commitIndex(), "nothing committed");
        manager.take("web", "s2");
        ConflictException pending = assertThrows(ConflictException.class, () -> manager.take("web", "s3"));
        assertTrue(pending.getMessage().contains("queued or running"), pending.getMessage());
        assertEquals(List.of("snapshotVm " + web.id() + "@s1"), driver.calls);
    }

    @Test
    void aRollbackWaitsForAStoppedVmThenRestoresDisksAndSpecAndDropsLaterSnapshots() {
        manager.take("web", "s1");
        pass("n1");
        manager.take("web", "s2");
        pass("n1");
        ConflictException running = assertThrows(ConflictException.class, () -> manager.rollback("web", "s1"));
        assertTrue(running.getMessage().contains("stop it"), running.getMessage());
        stop();
        domains.add(web.id()); // still shutting down
        Task task = manager.rollback("web", "s1");
        pass("n1");
        assertEquals(TaskState.RUNNING, done(task).state(), "waits for the domain: " + done(task));
        domains.clear();
        pass("n1");
        assertEquals(TaskState.SUCCEEDED, done(task).state(), done(task).toString());
        assertTrue(driver.calls.contains("rollbackVm " + web.id() + "@s1"), driver.calls.toString());
        assertEquals(List.of("s1"), manager.snapshots("web").stream().map(VmSnapshot::name).toList(),
                "s2 went with zfs rollback -r");
        Vm after = vms.require("web").vm();
        assertEquals(web.id(), after.id());
        assertEquals(web.spec(), after.spec());
        assertEquals(PowerState.STOPPED, after.power());
    }

    @Test
    void aCloneIsANewStoppedVmWithNewMacsAndClonedDisksThatKeepItsSnapshotAndSourceFromGoing() {
        manager.take("web", "s1");
        pass("n1");
        Task task = manager.clone("web", "web2", "s1");
        pass("n1");
        assertEquals(TaskState.SUCCEEDED, done(task).state(), done(task).toString());
        Vm clone = vms.require("web2").vm();
        assertNotEquals(web.id(), clone.id());
        assertEquals(PowerState.STOPPED, clone.power());
        assertEquals(web.spec().disks(), clone.spec().disks());
        assertEquals(1, clone.spec().nics().size());
        assertNotEquals(web.spec().nics().get(0).mac(), clone.spec().nics().get(0).mac());
        assertEquals(null, clone.spec().nics().get(0).address(), "a fixed address is not copied");
        assertEquals(web.id() + "@s1", driver.origin.get(clone.id()));

        ConflictException snap = assertThrows(ConflictException.class, () -> manager.deleteSnapshot("web", "s1"));
        assertTrue(snap.getMessage().contains("web2"), snap.getMessage());
        assertThrows(ConflictException.class, () -> manager.clone("web", "web2", "s1"), "name taken");
        assertThrows(NotFoundException.class, () -> manager.clone("web", "web3", "nope"));

        VmManager vmManager = new VmManager(vms, new VmAnnotationStore(raw), null, tasks, new CoreFakes.Statuses(),
                new io.cairn.core.internal.network.NicPorts(new io.cairn.core.internal.network.NetworkStore(raw),
                        new io.cairn.core.internal.network.NetworkDrivers())).withSnapshots(store);
        ConflictException source = assertThrows(ConflictException.class, () -> vmManager.delete("web"));
        assertTrue(source.getMessage().contains("web2") && source.getMessage().contains("keep its disks"),
                source.getMessage());
        assertTrue(vms.get("web").isPresent());

        vmManager.delete("web2");
        pass("n1");
        assertFalse(driver.vms.containsKey(clone.id()), "the clone's disks were destroyed");
        Task del = manager.deleteSnapshot("web", "s1");
        pass("n1");
        assertEquals(TaskState.SUCCEEDED, done(del).state(), done(del).toString());
        assertTrue(manager.snapshots("web").isEmpty());
    }

    @Test
    void aCloneWithoutASnapshotTakesOneNamedAfterIt() {
        Task task = manager.clone("web", "copy", null);
        pass("n1");
        assertEquals(TaskState.SUCCEEDED, done(task).state(), done(task).toString());
        assertEquals(List.of("clone-copy"), manager.snapshots("web").stream().map(VmSnapshot::name).toList());
        assertEquals(web.id() + "@clone-copy", driver.origin.get(vms.require("copy").vm().id()));
    }

    @Test
    void zfsRefusingToDestroyASnapshotFailsTheTaskWithItsReasonAndKeepsTheRecord() {
        manager.take("web", "s1");
        pass("n1");
        driver.refuse = "cannot destroy 'tank/vms/x/data@s1': snapshot is cloned";
        Task task = manager.deleteSnapshot("web", "s1");
        pass("n1");
        Task failed = done(task);
        assertEquals(TaskState.FAILED, failed.state());
        assertTrue(failed.error().contains("ZFS refuses: clones depend on it"), failed.error());
        assertTrue(manager.find("web", "s1").isPresent());
        assertTrue(store.request(web.id()).isEmpty());
    }

    @Test
    void aDeletedVmsDisksAndRecordsGoOnceItsDomainIsGoneUnlessKept() {
        manager.take("web", "s1");
        pass("n1");
        domains.add(web.id());
        VmManager vmManager = new VmManager(vms, new VmAnnotationStore(raw), null, tasks, new CoreFakes.Statuses(),
                new io.cairn.core.internal.network.NicPorts(new io.cairn.core.internal.network.NetworkStore(raw),
                        new io.cairn.core.internal.network.NetworkDrivers())).withSnapshots(store);
        vmManager.delete("web");
        assertTrue(raw.list(VmSnapshotKeys.SNAPSHOT).isEmpty(), "snapshot records dropped with the VM");
        pass("n1");
        assertTrue(driver.vms.containsKey(web.id()), "not while its domain runs");
        domains.clear();
        pass("n1");
        assertFalse(driver.vms.containsKey(web.id()));
        assertTrue(store.request(web.id()).isEmpty());

        Vm kept = new Vm(UUID.randomUUID(), web.spec(), PowerState.STOPPED, Instant.now());
        vms.create(kept, "n1");
        driver.made(kept);
        vmManager.delete("web", true);
        pass("n1");
        assertTrue(driver.vms.containsKey(kept.id()), "kept disks stay");
        assertTrue(store.request(kept.id()).isEmpty());
    }

    /** A VM's volumes and their snapshots, as ZFS keeps them under POOL/vms/ID. */
    static final class Volumes implements StorageDriver {
        /** What a driver method the snapshot code under test must never call says if it is called. */
        private static final String NEVER_CALLED = "the VM snapshot tests record volumes only and never call ";

        final Map<UUID, List<String>> vms = new LinkedHashMap<>();
        final Map<UUID, List<String>> snaps = new LinkedHashMap<>();
        final Map<UUID, String> origin = new LinkedHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile String refuse;

        void made(Vm vm) {
            vms.put(vm.id(), vm.spec().disks().stream().map(VmDisk::name).toList());
        }

        @Override
        public List<String> volumes(String pool) {
            List<String> out = new ArrayList<>();
            vms.forEach((id, disks) -> disks.forEach(d -> out.add(id + "/" + d)));
            return out;
        }

        @Override
        public void snapshotVm(String pool, UUID vmId, String snapshot) {
            calls.add("snapshotVm " + vmId + "@" + snapshot);
            List<String> s = snaps.computeIfAbsent(vmId, k -> new ArrayList<>());
            if (s.contains(snapshot)) {
                throw new HostCommandException(List.of("zfs"), 1, "dataset already exists", "exit 1", null);
            }
            s.add(snapshot);
        }

        @Override
        public List<VolumeSnapshot> vmSnapshots(String pool, UUID vmId) {
            return snaps.getOrDefault(vmId, List.of()).stream().map(n -> new VolumeSnapshot(n, Instant.EPOCH, 0)).toList();
        }

        @Override
        public void rollbackVm(String pool, UUID vmId, String snapshot) {
            calls.add("rollbackVm " + vmId + "@" + snapshot);
            List<String> s = snaps.get(vmId);
            s.subList(s.indexOf(snapshot) + 1, s.size()).clear();
        }

        @Override
        public List<String> cloneVm(String pool, UUID vmId, String snapshot, UUID newVmId) {
            calls.add("cloneVm " + vmId + "@" + snapshot + " " + newVmId);
            vms.put(newVmId, vms.get(vmId));
            origin.put(newVmId, vmId + "@" + snapshot);
            return vms.get(vmId).stream().map(d -> newVmId + "/" + d).toList();
        }

        @Override
        public void destroyVmSnapshot(String pool, UUID vmId, String snapshot) {
            calls.add("destroyVmSnapshot " + vmId + "@" + snapshot);
            if (refuse != null || origin.containsValue(vmId + "@" + snapshot)) {
                throw new HostCommandException(List.of("zfs", "destroy"), 1,
                        refuse != null ? refuse : "snapshot has dependent clones", "exit 1", null);
            }
            snaps.getOrDefault(vmId, new ArrayList<>()).remove(snapshot);
        }

        @Override
        public void destroyVm(String pool, UUID vmId) {
            calls.add("destroyVm " + vmId);
            vms.remove(vmId);
            snaps.remove(vmId);
            origin.remove(vmId);
        }

        // ---- not used by VM snapshots

        @Override
        public VolumeBackend volumeBackend() {
            return VolumeBackend.FILE;
        }

        @Override
        public io.cairn.api.storage.ImageFile importImage(String pool, String name, java.nio.file.Path file) {
            throw new UnsupportedOperationException(NEVER_CALLED + "importImage");
        }

        @Override
        public List<String> images(String pool) {
            throw new UnsupportedOperationException(NEVER_CALLED + "images");
        }

        @Override
        public void destroyImage(String pool, String name) {
            throw new UnsupportedOperationException(NEVER_CALLED + "destroyImage");
        }

        @Override
        public java.nio.file.Path cloneImage(String pool, String image, String volume, long sizeBytes) {
            throw new UnsupportedOperationException(NEVER_CALLED + "cloneImage");
        }

        @Override
        public void createPool(PoolLayout layout) {
            throw new UnsupportedOperationException(NEVER_CALLED + "createPool");
        }

        @Override
        public void importPool(String name, List<Path> searchDirs) {
            throw new UnsupportedOperationException(NEVER_CALLED + "importPool");
        }

        @Override
        public void exportPool(String name) {
            throw new UnsupportedOperationException(NEVER_CALLED + "exportPool");
        }

        @Override
        public void destroyPool(String name) {
            throw new UnsupportedOperationException(NEVER_CALLED + "destroyPool");
        }

        @Override
        public List<String> importedPools() {
            return List.of("tank");
        }

        @Override
        public Optional<PoolObservation> observe(String name) {
            return Optional.empty();
        }

        @Override
        public void writeEpoch(String name, long epoch) {
            throw new UnsupportedOperationException(NEVER_CALLED + "writeEpoch");
        }

        @Override
        public OptionalLong readEpoch(String name) {
            return OptionalLong.empty();
        }

        @Override
        public void scrub(String name) {
            throw new UnsupportedOperationException(NEVER_CALLED + "scrub");
        }

        @Override
        public void onlineMember(String name, String device) {
            throw new UnsupportedOperationException(NEVER_CALLED + "onlineMember");
        }

        @Override
        public Path createVolume(String pool, String volume, long sizeBytes) {
            throw new UnsupportedOperationException(NEVER_CALLED + "createVolume");
        }

        @Override
        public Path volumePath(String pool, String volume) {
            throw new UnsupportedOperationException(NEVER_CALLED + "volumePath");
        }

        @Override
        public void destroyVolume(String pool, String volume) {
            throw new UnsupportedOperationException(NEVER_CALLED + "destroyVolume");
        }

        @Override
        public void snapshot(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException(NEVER_CALLED + "snapshot");
        }

        @Override
        public void rollback(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException(NEVER_CALLED + "rollback");
        }

        @Override
        public Path cloneVolume(String pool, String volume, String snapshot, String target) {
            throw new UnsupportedOperationException(NEVER_CALLED + "cloneVolume");
        }
    }
}
