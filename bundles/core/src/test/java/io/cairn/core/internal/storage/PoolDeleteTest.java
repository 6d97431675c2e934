package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.compute.CoreFakes;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deletion asked through {@link PoolManager#deletePool} and carried out by the owner's
 * {@link PoolDeletes}, against an in-memory store with the real conditions.
 */
class PoolDeleteTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final PoolStore store = new PoolStore(raw);
    private final StorageFakes.Statuses statuses = new StorageFakes.Statuses();
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final StorageFakes.Driver driver = new StorageFakes.Driver();
    private final StorageFakes.Exports exports = new StorageFakes.Exports();
    private final InMemoryServices vms = new InMemoryServices();
    private final PoolManager manager = new PoolManager(store, statuses, tasks, vms);
    private final ToLongFunction<List<StoreOp>> underLease = raw::commit;

    private PoolOwnership builtAndImported() {
        return StorageFakes.builtAndImported(store, statuses, driver);
    }

    private static Pool pool() {
        return StorageFakes.tank();
    }

    private PoolDeletes deletes(String node) {
        return new PoolDeletes(store, statuses, tasks, underLease, pool -> VmDiskCheck.vmsWithDisksOn(pool, vms), node);
    }

    private void vmWithDiskOn(String name, String pool) {
        vms.create(new VmSpec(name, null, 1, 64, List.of(), new BootSpec("k", null, null), null, false, null,
                List.of(new VmDisk("data", pool, 16))));
    }

    @Test
    void theOwnerDestroysThePoolDropsItsMembersAndRemovesEveryRecordInOneCommit() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.deletePool("tank");
        assertEquals("pool.delete", task.kind());
        assertEquals("n1", task.node());

        assertTrue(deletes("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(List.of("tank"), driver.destroyed);
        assertEquals(List.of("tank/n1", "tank/n2", "tank/n3"), exports.detached);
        assertTrue(store.get("tank").isEmpty() && store.owner("tank").isEmpty() && store.built("tank", false).isEmpty()
                && store.request("tank").isEmpty(), "pool, owner, built and request records are gone");
        Task done = tasks.byId.get(task.id());
        assertEquals(TaskState.SUCCEEDED, done.state(), done.toString());
        assertTrue(done.message().contains("destroyed on n1"), done.message());
    }

    @Test
    void vmsWithDisksOnThePoolAre409NamingThemAndNothingIsRecorded() {
        builtAndImported();
        vmWithDiskOn("db", "tank");
        vmWithDiskOn("web", "tank");
        vmWithDiskOn("other", "elsewhere");
        ConflictException e = assertThrows(ConflictException.class, () -> manager.deletePool("tank"));
        assertTrue(e.getMessage().contains("2 VMs have disks on it: db, web"), e.getMessage());
        assertTrue(store.request("tank").isEmpty(), "nothing recorded");
        assertTrue(tasks.byId.isEmpty(), "no task");
        assertThrows(NotFoundException.class, () -> manager.deletePool("nope"));
        assertThrows(NotFoundException.class, () -> manager.deletePool("a/b"));
    }

    @Test
    void aVmCreatedAfterTheRequestWasAcceptedStopsTheOwnerAndThePoolStays() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.deletePool("tank");
        vmWithDiskOn("late", "tank");
        assertEquals(false, deletes("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(List.of(), driver.destroyed, "not destroyed");
        assertTrue(store.get("tank").isPresent() && store.request("tank").isEmpty(), "pool kept, request removed");
        Task failed = tasks.byId.get(task.id());
        assertEquals(TaskState.FAILED, failed.state());
        assertTrue(failed.error().contains("late"), failed.error());
    }

    @Test
    void aStaleOwnerNeverDestroysAndAScrubPassLeavesADeleteRequestAlone() {
        PoolOwnership owner = builtAndImported();
        manager.deletePool("tank");
        new PoolScrubs(store, tasks, underLease, "n1").pass(driver, "tank", owner);
        assertEquals(List.of(), driver.scrubs, "a delete request is not a scrub");
        raw.commit(List.of(store.move("tank", "n2", owner.epoch()))); // a failover moved the pool meanwhile
        assertEquals(false, deletes("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(List.of(), driver.destroyed, "a stale owner never destroys");
        assertEquals(null, store.request("tank").orElseThrow().request().takenBy());
    }

    @Test
    void anOwnerThatDestroyedThePoolButDidNotRemoveItsRecordsFinishesWithoutImporting() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.deletePool("tank");
        PoolStore.Request queued = store.request("tank").orElseThrow();
        store.take("tank", queued, "n1", owner.epoch(), underLease); // taken, then the node restarted
        driver.imported.clear();
        assertTrue(deletes("n1").pass(driver, exports, pool(), owner, false));
        assertEquals(List.of(), driver.destroyed, "nothing imported: nothing to destroy");
        assertTrue(store.get("tank").isEmpty());
        assertEquals(TaskState.SUCCEEDED, tasks.byId.get(task.id()).state());
    }

    @Test
    void aPoolNotImportedHereWithAQueuedRequestIsImportedFirst() {
        PoolOwnership owner = builtAndImported();
        manager.deletePool("tank");
        assertEquals(false, deletes("n1").pass(driver, exports, pool(), owner, false));
        assertTrue(store.get("tank").isPresent());
    }
}
