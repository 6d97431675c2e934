package io.cairn.core.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmPage;
import io.cairn.api.compute.VmQuery;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.Versioned;
import io.cairn.api.task.Task;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.core.internal.testing.FakeNodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VM service: placement, intent recorded conditionally in the store, tasks to the owner, reads that survive a cut-off. */
class VmManagerTest {
    private InMemoryConsistentStore store;
    private VmStore vms;
    private VmAnnotationStore annotationStore;
    private FakeNodes nodes;
    private CoreFakes.Tasks tasks;
    private CoreFakes.Statuses statuses;
    private VmManager manager;
    private final List<String> changed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = new InMemoryConsistentStore("n1");
        vms = new VmStore(store);
        annotationStore = new VmAnnotationStore(store);
        nodes = new FakeNodes("n1").add("n1", 4, 4096, NodeState.UP).add("n2", 4, 8192, NodeState.UP)
                .add("n3", 64, 65536, NodeState.DOWN);
        tasks = new CoreFakes.Tasks();
        statuses = new CoreFakes.Statuses();
        manager = new VmManager(vms, annotationStore, nodes, tasks, statuses,
                new io.cairn.core.internal.network.NicPorts(new io.cairn.core.internal.network.NetworkStore(store),
                        new io.cairn.core.internal.network.NetworkDrivers()));
        manager.activate(new TestNodeConfig("/nonexistent", 1024));
        manager.addListener(changed::add);
    }

    @Test
    void createPlacesOnTheUpNodeWithMostRoomAndRecordsVmAndOwnerTogether() {
        VmDetails d = manager.create(spec("web", 1024, null));
        assertEquals("n2", d.owner().node(), "n2 has the most memory left; n3 is down");
        assertEquals(PowerState.STOPPED, d.vm().power());
        assertEquals(VmState.STOPPED, d.status().state());
        assertEquals(List.of("owner/web", "vm/web"), keys());
        assertEquals(d.owner().epoch(), store.getLocal("owner/web").orElseThrow().version());
        assertEquals(store.getLocal("vm/web").orElseThrow().version(), d.owner().epoch(), "one commit");
        assertEquals(List.of("web"), changed);
    }

    @Test
    void committedMemoryCountsInPlacement() {
        // n2: 8192 - 1024 reserve = 7168; n1: 3072
        assertEquals("n2", manager.create(spec("a", 4096, null)).owner().node());
        assertEquals("n1", manager.create(spec("b", 3072, null)).owner().node(), "n2 has 3072 left, n1 3072: name");
        assertEquals("n2", manager.create(spec("c", 3072, null)).owner().node());
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> manager.create(spec("d", 64, null)));
        assertTrue(e.getMessage().contains("n3 is down"), e.getMessage());
        assertTrue(store.getLocal("vm/d").isEmpty());
    }

    @Test
    void aTakenNameIsAConflictAndChangesNothing() {
        VmDetails first = manager.create(spec("web", 256, null));
        long index = store.health().commitIndex();
        assertThrows(ConflictException.class, () -> manager.create(spec("web", 256, "n1")));
        assertEquals(index, store.health().commitIndex());
        assertEquals(first.vm().id(), manager.vm("web").orElseThrow().vm().id());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> manager.create(null));
        assertThrows(IllegalArgumentException.class, () -> manager.vms(null));
        assertThrows(UnsatisfiableException.class, () -> manager.create(spec("web", 256, "nosuch")));
        assertThrows(NotFoundException.class, () -> manager.start("nosuch"));
        assertThrows(NotFoundException.class, () -> manager.delete("nosuch"));
        assertTrue(keys().isEmpty(), keys().toString());
    }

    @Test
    void startAndStopRecordThePowerAndHandATaskToTheOwner() {
        manager.create(spec("web", 256, "n1"));
        Task start = manager.start("web");
        assertEquals("n1", start.node());
        assertEquals("vm.start", start.kind());
        assertEquals(PowerState.RUNNING, vms.require("web").vm().power());
        assertThrows(ConflictException.class, () -> manager.start("web"));
        Task stop = manager.stop("web");
        assertEquals("vm.stop", stop.kind());
        assertEquals(PowerState.STOPPED, vms.require("web").vm().power());
        assertThrows(ConflictException.class, () -> manager.stop("web"));
        assertThrows(ConflictException.class, () -> manager.reboot("web"), "a stopped VM cannot reboot");
    }

    @Test
    void rebootAndDestroyAreRequestsForTheOwnerWithTheTasksId() {
        manager.create(spec("web", 256, "n2"));
        manager.start("web");
        Task reboot = manager.reboot("web");
        VmStore.Request r = vms.request("web").orElseThrow();
        assertEquals(reboot.id(), r.request().id());
        assertEquals(VmRequestRecord.REBOOT, r.request().kind());
        assertNull(r.request().takenBy());
        assertEquals("n2", reboot.node());
        Task destroy = manager.destroy("web");
        assertEquals(VmRequestRecord.DESTROY, vms.request("web").orElseThrow().request().kind());
        assertEquals(destroy.id(), vms.request("web").orElseThrow().request().id());
        assertEquals(PowerState.STOPPED, vms.require("web").vm().power(), "a destroyed VM stays off");
    }

    @Test
    void deleteRemovesEverythingOfTheVmInOneCommit() {
        manager.create(spec("web", 256, "n1"));
        new VmAnnotationManager(vms, annotationStore).annotate("web", "team", "a");
        manager.start("web");
        manager.reboot("web");
        statuses.report("web", new VmStatus(VmState.RUNNING, "n1", Instant.now(), null));
        long index = store.health().commitIndex();
        Task delete = manager.delete("web");
        assertEquals(index + 1, store.health().commitIndex(), "one commit");
        assertTrue(keys().isEmpty(), "left behind: " + keys());
        assertEquals("n1", delete.node(), "the old owner removes the domain");
        assertEquals(List.of("web"), statuses.removed);
        assertTrue(manager.vm("web").isEmpty());
        assertTrue(changed.contains("web"));
    }

    @Test
    void statusIsUnknownUntilReportedOrWhenTheOwnerIsNotUp() {
        manager.create(spec("web", 256, "n1"));
        statuses.map.clear();
        VmDetails d = manager.vm("web").orElseThrow();
        assertEquals(VmState.UNKNOWN, d.status().state());
        assertTrue(d.status().lastError().contains("not reported yet"), d.status().toString());
        statuses.report("web", new VmStatus(VmState.RUNNING, "n1", Instant.now(), null));
        assertEquals(VmState.RUNNING, manager.vm("web").orElseThrow().status().state());
        nodes.add("n1", 4, 4096, NodeState.SUSPECT);
        VmDetails suspect = manager.vm("web").orElseThrow();
        assertEquals(VmState.UNKNOWN, suspect.status().state());
        assertTrue(suspect.status().lastError().contains("not up"), suspect.status().toString());
    }

    @Test
    void pagesFollowNameOrderCursorAndFilters() {
        for (String n : List.of("e", "a", "d", "b", "c")) {
            manager.create(spec(n, 64, n.equals("b") || n.equals("d") ? "n1" : "n2"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            VmPage page = manager.vms(new VmQuery(null, null, null, 2, cursor));
            page.items().forEach(d -> seen.add(d.vm().name()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);
        assertEquals(3, pages);
        assertEquals(List.of("b", "d"), names(manager.vms(new VmQuery("n1", null, null, 10, null))));
        assertEquals(List.of(), names(manager.vms(new VmQuery(null, null, "other", 10, null))));
        statuses.report("c", new VmStatus(VmState.RUNNING, "n2", Instant.now(), null));
        assertEquals(List.of("c"), names(manager.vms(new VmQuery(null, VmState.RUNNING, null, 10, null))));
        assertEquals(List.of("a", "b", "c", "d", "e"), manager.vms().stream().map(d -> d.vm().name()).toList());
    }

    @Test
    void twoStartsThatEachFitTheLicenceAloneNeverBothLandPastIt() {
        manager.create(spec("a", 256, "n1"));
        manager.create(spec("b", 256, "n1"));
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> checks = new CopyOnWriteArrayList<>();
        manager.addAdmission((action, candidate, running) -> {
            checks.add(candidate.name() + " against " + running.size() + " running");
            if (action == io.cairn.api.compute.VmAdmission.Action.START && !running.isEmpty()) {
                throw new UnsatisfiableException("licence allows 1 running VM, " + running.size() + " running");
            }
            if (candidate.name().equals("a") && raced.compareAndSet(false, true)) {
                manager.start("b"); // b is checked and lands between a's check and a's commit
            }
        });
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> manager.start("a"));
        assertTrue(e.getMessage().contains("1 running"), e.getMessage());
        assertEquals(List.of("a against 0 running", "b against 0 running", "a against 1 running"), checks);
        assertEquals(PowerState.RUNNING, manager.vm("b").orElseThrow().vm().power());
        assertEquals(PowerState.STOPPED, manager.vm("a").orElseThrow().vm().power(), "a must not land on a stale check");
    }

    @Test
    void anInactiveAdmissionIsNotAskedAndWritesNoGuard() {
        List<String> asked = new CopyOnWriteArrayList<>();
        manager.addAdmission(new io.cairn.api.compute.VmAdmission() {
            @Override
            public void admit(Action action, VmSpec candidate, List<VmSpec> running) {
                asked.add(candidate.name());
            }

            @Override
            public boolean active() {
                return false; // e.g. no licence installed
            }
        });
        manager.create(spec("a", 256, "n1"));
        manager.start("a");
        assertEquals(List.of(), asked);
        assertTrue(store.getLocal("admission/vms").isEmpty(), "concurrent creates must not contend on a guard");
    }

    @Test
    void anAdmissionDecidedOnAStaleReplicaFailsItsConditionAndIsAskedAgainLinearizably() {
        long seen = store.put("licence/test", "none", io.cairn.api.state.StoreOp.ABSENT);
        List<String> asked = new CopyOnWriteArrayList<>();
        List<String> limited = new CopyOnWriteArrayList<>();
        manager.addAdmission(new io.cairn.api.compute.VmAdmission() {
            @Override
            public void admit(Action action, VmSpec candidate, List<VmSpec> running) {
                asked.add(action + " " + candidate.name());
                if (!limited.isEmpty()) {
                    throw new io.cairn.api.common.UnsatisfiableException("over the licence");
                }
            }

            @Override
            public boolean active() {
                asked.add("active?");
                return store.get("licence/test").orElseThrow().value().equals("limited");
            }

            @Override
            public Activity localActivity() {
                // as a replica that has not seen the install would: inactive, at the version it read
                return new Activity(false, List.of(io.cairn.api.state.StoreOp.check("licence/test", seen)));
            }
        });
        manager.create(spec("a", 256, "n1"));
        assertEquals(List.of(), asked, "the replica's decision holds while its condition does");
        store.put("licence/test", "limited", seen); // installed through another node
        limited.add("yes");
        assertThrows(io.cairn.api.common.UnsatisfiableException.class, () -> manager.create(spec("b", 256, "n1")));
        assertEquals(List.of("active?", "CREATE b"), asked, "the failed condition sends it to the linearizable path");
        assertTrue(store.getLocal("vm/b").isEmpty(), "nothing of the refused create landed");
        asked.clear();
        assertThrows(io.cairn.api.common.UnsatisfiableException.class, () -> manager.start("a"));
        assertEquals(List.of("active?", "START a"), asked);
        assertEquals(io.cairn.api.compute.PowerState.STOPPED, vms.get("a").orElseThrow().vm().power(),
                "nothing of the refused start landed");
    }

    @Test
    void anAdmissionSeesTheOtherVmsThatRunAndAllTheOtherVmsWhateverTheirPower() {
        manager.create(spec("a", 256, "n1"));
        manager.create(spec("b", 256, "n1"));
        manager.start("a");
        List<String> seen = new CopyOnWriteArrayList<>();
        manager.addAdmission(new io.cairn.api.compute.VmAdmission() {
            @Override
            public void admit(Action action, VmSpec candidate, List<VmSpec> running) {
                throw new AssertionError("core asks with all the VMs");
            }

            @Override
            public void admit(Action action, VmSpec candidate, List<VmSpec> running, List<VmSpec> all) {
                seen.add(action + " " + candidate.name() + ": running " + running.stream().map(VmSpec::name).sorted()
                        .toList() + ", all " + all.stream().map(VmSpec::name).sorted().toList());
            }
        });
        manager.create(spec("c", 256, "n1"));
        manager.start("b");
        assertEquals(List.of("CREATE c: running [a], all [a, b]", "START b: running [a], all [a, c]"), seen);
    }

    @Test
    void withoutAnAdmissionBoundNoGuardIsWritten() {
        manager.create(spec("a", 256, "n1"));
        manager.start("a");
        assertTrue(store.getLocal("admission/vms").isEmpty());
    }

    @Test
    void aReadThatTimesOutWhileAMajorityIsReachableIsRefusedNeverAnsweredFromTheReplica() {
        manager.create(spec("web", 256, "n1"));
        store.readsTimeOut(true);
        assertThrows(UnavailableException.class, () -> manager.vm("web"));
        assertThrows(UnavailableException.class, () -> manager.vms());
        assertThrows(UnavailableException.class, () -> manager.vms(new VmQuery(null, null, null, 10, null)));
        store.readsTimeOut(false);
        assertEquals("web", manager.vm("web").orElseThrow().vm().name());
    }

    @Test
    void cutOffReadsComeFromTheLocalReplicaAndWritesAreRefused() {
        manager.create(spec("web", 256, "n1"));
        store.cutOff(true);
        assertEquals("web", manager.vm("web").orElseThrow().vm().name());
        assertEquals(1, manager.vms().size());
        assertEquals(List.of("web"), names(manager.vms(new VmQuery(null, null, null, 10, null))));
        assertThrows(UnavailableException.class, () -> manager.create(spec("db", 256, "n1")));
        assertThrows(UnavailableException.class, () -> manager.start("web"));
        store.cutOff(false);
        assertEquals(List.of("owner/web", "vm/web"), keys());
    }

    // ------------------------------------------------------------------ helpers

    private static VmSpec spec(String name, long memoryMiB, String node) {
        return new VmSpec(name, null, 1, memoryMiB, List.of(), new BootSpec("vmlinuz", null, null), null, false, node);
    }

    private List<String> keys() {
        return store.listLocal("").stream().map(Versioned::key).toList();
    }

    private static List<String> names(VmPage page) {
        return page.items().stream().map(d -> d.vm().name()).toList();
    }
}
