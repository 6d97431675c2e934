package io.cairn.core.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.common.ConflictException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.state.StoreOp;
import io.cairn.core.internal.cluster.FixedMember;
import io.cairn.testing.InMemoryConsistentStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's reconciler over the in-memory store with a driver that records its calls: no
 * domain starts without a valid lease, every start is under a freshly claimed (higher) epoch,
 * a domain of an older epoch or of a VM owned elsewhere is powered off. Passes run inline on the
 * thread whose store change woke them; timed retries run when the test says.
 */
class ReconcilerTest {
    @TempDir
    Path dir;

    private InMemoryConsistentStore store;
    private VmStore vms;
    private CoreFakes.Lease lease;
    private CoreFakes.Driver driver;
    private CoreFakes.Statuses statuses;
    private CoreFakes.ManualTimer timer;
    private Reconciler reconciler;
    private CoreFakes.Tasks tasks;


    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("images")).resolve("vmlinuz"), "kernel");
        store = new InMemoryConsistentStore("n1");
        vms = new VmStore(store);
        lease = new CoreFakes.Lease(store, "n1").acquire();
        driver = new CoreFakes.Driver();
        statuses = new CoreFakes.Statuses();
        timer = new CoreFakes.ManualTimer();
        tasks = new CoreFakes.Tasks();
        reconciler = new Reconciler(new FixedMember("n1"), vms, tasks, statuses, lease,
                new io.cairn.core.internal.network.NicPorts(new io.cairn.core.internal.network.NetworkStore(store),
                        new io.cairn.core.internal.network.NetworkDrivers()), dir.resolve("console"), new CoreFakes.Inline(), timer);
        reconciler.bindDriver(driver, Map.of(ComputeDriver.TYPE_PROPERTY, "test"));
        reconciler.activate(new TestNodeConfig(dir.resolve("images").toString(), 0));
        timer.runDue(); // the resync asked for when the driver was bound: nothing to do yet
        assertTrue(timer.due.isEmpty());
    }

    @AfterEach
    void tearDown() {
        reconciler.deactivate();
    }

    @Test
    void aVmStartsOnceUnderANewerEpochThanItWasCreatedWith() {
        Vm vm = CoreFakes.vm("web", false, PowerState.RUNNING);
        Ownership created = vms.create(vm, "n1");
        assertEquals(1, driver.startsOf("web"), driver.calls.toString());
        Ownership now = vms.owner("web").orElseThrow();
        long epoch = driver.starts.get(0).epoch();
        assertTrue(epoch > created.epoch(), "started under the creation epoch " + created.epoch());
        assertEquals(now.epoch(), epoch, "the domain carries the epoch of the claim");
        assertEquals(VmState.RUNNING, statuses.map.get("web").state());
        assertTrue(store.getLocal("lease/n1").orElseThrow().version() >= epoch, "the claim renewed the lease");
    }

    @Test
    void noDomainStartsWithoutAValidLeaseAndNothingIsClaimed() {
        lease.valid = false;
        Ownership created = vms.create(CoreFakes.vm("web", false, PowerState.RUNNING), "n1");
        assertTrue(driver.calls.isEmpty(), "driver touched without a lease: " + driver.calls);
        assertEquals(created.epoch(), vms.owner("web").orElseThrow().epoch(), "claimed without a lease");
        VmStatus status = statuses.map.get("web");
        assertEquals(VmState.STARTING, status.state());
        assertTrue(status.lastError().contains("lease"), status.toString());
        assertFalse(timer.due.isEmpty(), "no retry scheduled");

        // the lease comes back: the retry starts it
        lease.valid = true;
        timer.runDue();
        assertEquals(1, driver.startsOf("web"), driver.calls.toString());
        assertTrue(driver.starts.get(0).epoch() > created.epoch());
    }

    @Test
    void aLeaseExpiredByTheClusterRefusesTheClaimAndNothingStarts() {
        lease.valid = false;
        Ownership created = vms.create(CoreFakes.vm("web", true, PowerState.RUNNING), "n1");
        // the cluster expired n1's lease meanwhile; n1 still believes it holds it
        store.delete("lease/n1", store.getLocal("lease/n1").orElseThrow().version());
        lease.valid = true;
        long before = store.health().commitIndex();
        timer.runDue();
        assertTrue(driver.calls.isEmpty(), "started after the lease was expired: " + driver.calls);
        assertEquals(before, store.health().commitIndex(), "a refused claim changed the store");
        assertEquals(created.epoch(), vms.owner("web").orElseThrow().epoch());
        assertEquals(VmState.FAILED, statuses.map.get("web").state());
    }

    @Test
    void aLeaseLostAfterTheClaimStopsTheStart() {
        // valid for the check before the claim and for the claim, gone right before the domain starts
        lease.answers.add(true);
        lease.answers.add(true);
        lease.answers.add(false);
        lease.valid = false;
        Ownership created = vms.create(CoreFakes.vm("web", false, PowerState.RUNNING), "n1");
        assertTrue(vms.owner("web").orElseThrow().epoch() > created.epoch(), "the claim did not happen");
        assertTrue(driver.calls.isEmpty(), driver.calls.toString());
        assertEquals(VmState.STARTING, statuses.map.get("web").state());
    }

    @Test
    void aStartThatLandsAfterTheLeaseRanOutIsPoweredOffAtOnce() {
        lease.answers.add(true);
        lease.answers.add(true);
        lease.answers.add(true);
        lease.answers.add(false);
        lease.valid = false;
        Vm vm = CoreFakes.vm("web", false, PowerState.RUNNING);
        vms.create(vm, "n1");
        assertEquals(List.of("start web epoch " + vms.owner("web").orElseThrow().epoch(), "destroy " + vm.id()),
                driver.calls);
        assertTrue(driver.domains.isEmpty());
    }

    @Test
    void aDomainOfAnOlderEpochIsPoweredOffBeforeTheVmStartsAgain() {
        lease.valid = false;
        Vm vm = CoreFakes.vm("web", true, PowerState.RUNNING);
        Ownership created = vms.create(vm, "n1");
        // a domain left from an older ownership of this VM (before a failover and back)
        driver.running(vm, "n1", created.epoch() - 1);
        lease.valid = true;
        timer.runDue();
        assertEquals("destroy " + vm.id(), driver.calls.get(0), driver.calls.toString());
        assertEquals(1, driver.startsOf("web"), driver.calls.toString());
        assertTrue(driver.domains.get(vm.id()).epoch() > created.epoch());
    }

    @Test
    void aVmMovedToAnotherNodeIsPoweredOffHereAndNeverStartedAgain() {
        Vm vm = CoreFakes.vm("web", true, PowerState.RUNNING);
        vms.create(vm, "n1");
        Ownership mine = vms.owner("web").orElseThrow();
        assertTrue(driver.domains.containsKey(vm.id()));
        // the cluster moved it (failover after a partition), conditional on the epoch n1 held
        store.commit(List.of(vms.move("web", vm.id(), "n2", mine.epoch())));
        assertFalse(driver.domains.containsKey(vm.id()), "still running on the old owner: " + driver.calls);
        assertEquals(1, driver.startsOf("web"));
        // n1's stale epoch can no longer claim it
        assertThrows(ConflictException.class, () -> vms.claim("web", mine, lease::commitUnderLease));
        reconciler.resync();
        timer.runDue();
        assertEquals(1, driver.startsOf("web"), driver.calls.toString());
        assertEquals("n2", vms.owner("web").orElseThrow().node());
    }

    @Test
    void aDomainWhoseVmIsGoneIsPoweredOffByTheResync() {
        Vm ghost = CoreFakes.vm("ghost", false, PowerState.RUNNING);
        driver.running(ghost, "n1", 3);
        reconciler.resync();
        assertEquals(List.of("destroy " + ghost.id()), driver.calls);
    }

    @Test
    void aVmThatCannotStartYetHasOneRetryDueHoweverManyPassesFailed() {
        lease.valid = false;
        vms.create(CoreFakes.vm("web", false, PowerState.RUNNING), "n1");
        int due = timer.due.size();
        assertTrue(due >= 1, "no retry scheduled");
        for (int i = 0; i < 3; i++) {
            reconciler.resync(); // each resync runs a pass for the VM that has not converged: it fails again
        }
        assertEquals(due, timer.due.size(), "failed passes scheduled retries of their own");
        long passes = reconciler.activity().reconcilePasses();
        timer.runDue();
        assertEquals(passes + 1, reconciler.activity().reconcilePasses(), "one retry, one pass");
        lease.valid = true;
        timer.runDue();
        assertEquals(1, driver.startsOf("web"), driver.calls.toString());
    }

    @Test
    void changesOfVmsOwnedElsewhereRunNoPassHereUntilOneMovesHere() {
        long passes = reconciler.activity().reconcilePasses();
        Ownership elsewhere = vms.create(CoreFakes.vm("web", false, PowerState.STOPPED), "n2");
        vms.setPower(vms.require("web"), PowerState.RUNNING);
        assertEquals(passes, reconciler.activity().reconcilePasses(), "n1 read a VM that n2 owns");
        assertTrue(driver.calls.isEmpty(), driver.calls.toString());
        store.commit(List.of(vms.move("web", elsewhere.vmId(), "n1", vms.owner("web").orElseThrow().epoch())));
        assertEquals(1, driver.startsOf("web"), "moved here, it starts here: " + driver.calls);
        // moved away again: this node ran it, so the change is its business and the domain stops
        store.commit(List.of(vms.move("web", elsewhere.vmId(), "n2", vms.owner("web").orElseThrow().epoch())));
        assertTrue(driver.domains.isEmpty(), "still running after it moved away: " + driver.calls);
    }

    @Test
    void aConvergedNodeRunsNoPassOnResync() {
        vms.create(CoreFakes.vm("web", false, PowerState.RUNNING), "n1");
        vms.create(CoreFakes.vm("db", false, PowerState.STOPPED), "n1");
        long passes = reconciler.activity().reconcilePasses();
        int calls = driver.calls.size();
        for (int i = 0; i < 3; i++) {
            reconciler.resync();
        }
        assertEquals(passes, reconciler.activity().reconcilePasses(), "an idle resync ran passes");
        assertEquals(calls, driver.calls.size());
    }

    @Test
    void theLocalFenceStopsEveryDomainOfThisNode() {
        vms.create(CoreFakes.vm("a", false, PowerState.RUNNING), "n1");
        vms.create(CoreFakes.vm("b", false, PowerState.RUNNING), "n1");
        assertEquals(2, driver.domains.size());
        assertTrue(lease.fence.getAsBoolean(), "the fence reports domains left");
        assertTrue(driver.domains.isEmpty());
        assertEquals(VmState.FAILED, statuses.map.get("a").state());
    }

    @Test
    void aStoppedVmIsShutDown() {
        Vm vm = CoreFakes.vm("web", false, PowerState.RUNNING);
        vms.create(vm, "n1");
        vms.setPower(vms.require("web"), PowerState.STOPPED);
        assertTrue(driver.calls.contains("shutdown " + vm.id()), driver.calls.toString());
        assertEquals(VmState.STOPPED, statuses.map.get("web").state());
        assertNotNull(statuses.map.get("web").since());
    }

    @Test
    void aRebootRequestIsTakenUnderTheLeaseAndCarriedOutOnce() {
        Vm vm = CoreFakes.vm("web", false, PowerState.RUNNING);
        vms.create(vm, "n1");
        long leaseBefore = store.getLocal("lease/n1").orElseThrow().version();
        VmStore.Entry entry = vms.require("web");
        vms.request(entry, entry.vm(), new VmRequestRecord("req-1", VmRequestRecord.REBOOT, null));
        assertEquals(1, driver.calls.stream().filter(c -> c.startsWith("reboot ")).count(), driver.calls.toString());
        assertTrue(vms.request("web").isEmpty(), "the request stays after it was carried out");
        assertTrue(store.getLocal("lease/n1").orElseThrow().version() > leaseBefore, "taken without the lease");
        reconciler.resync();
        assertEquals(1, driver.calls.stream().filter(c -> c.startsWith("reboot ")).count(), "rebooted twice");
    }

    @Test
    void withoutALeaseARequestIsNotTakenAndNothingHappens() {
        Vm vm = CoreFakes.vm("web", false, PowerState.RUNNING);
        vms.create(vm, "n1");
        lease.valid = false;
        int calls = driver.calls.size();
        VmStore.Entry entry = vms.require("web");
        vms.request(entry, entry.vm().withPower(PowerState.STOPPED),
                new VmRequestRecord("req-2", VmRequestRecord.DESTROY, null));
        assertEquals(calls, driver.calls.size(), "acted without a lease: " + driver.calls);
        assertEquals(null, vms.request("web").orElseThrow().request().takenBy());
        assertTrue(driver.domains.containsKey(vm.id()));
        lease.valid = true;
        timer.runDue();
        assertTrue(driver.calls.contains("destroy " + vm.id()), driver.calls.toString());
        assertTrue(vms.request("web").isEmpty());
    }

    @Test
    void aQueuedTaskIsReportedOnFromTheStoresIntentAlone() {
        vms.create(CoreFakes.vm("web", false, PowerState.RUNNING), "n1");
        var task = tasks.submit("t-1", "vm.start", "web", "n1");
        assertEquals(io.cairn.api.task.TaskState.SUCCEEDED, tasks.byId.get(task.id()).state());
        // a task for a VM this node does not own changes nothing here
        var other = tasks.submit("t-2", "vm.start", "nosuch", "n1");
        assertEquals(io.cairn.api.task.TaskState.SUCCEEDED, tasks.byId.get(other.id()).state());
        assertEquals(1, driver.startsOf("web"));
        assertEquals(0, driver.startsOf("nosuch"));
    }

    @Test
    void tasksOfOtherAreasAreLeftToThem() {
        // a pool's scrub is reported by the pool's owner (PoolScrubs), never closed here as "VM removed"
        var scrub = tasks.submit("t-3", "pool.scrub", "tank", "n1");
        timer.runDue();
        assertEquals(io.cairn.api.task.TaskState.QUEUED, tasks.byId.get(scrub.id()).state());
    }
}
