package io.cairn.core.internal.storage;

import io.cairn.core.internal.compute.CoreFakes;
import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scrub asked through {@link PoolManager#scrub} and carried out by the owner's {@link PoolScrubs},
 * against an in-memory store with the real conditions.
 */
class PoolScrubTest {
    private static final ScrubStatus RUNNING = new ScrubStatus(ScrubStatus.State.RUNNING, "scrub", 0, 0,
            "scrub in progress for 0h0m, 40.00% done, 0h0m to go");
    private static final ScrubStatus DONE = new ScrubStatus(ScrubStatus.State.COMPLETED, "scrub", 0, 196608,
            "scrub completed after 0h0m with 0 errors on Tue Dec  2 10:00:00 2026");

    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n2");
    private final PoolStore store = new PoolStore(raw);
    private final StorageFakes.Statuses statuses = new StorageFakes.Statuses();
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final StorageFakes.Driver driver = new StorageFakes.Driver();
    private final PoolManager manager = new PoolManager(store, statuses, tasks, new io.cairn.testing.InMemoryServices());
    private final ToLongFunction<List<StoreOp>> underLease = raw::commit;

    private PoolOwnership builtAndImported() {
        PoolOwnership owner = store.create(new Pool(new PoolSpec("tank", 1, null, false, "n1"), List.of(
                new PoolMember("n1", "/d/1"), new PoolMember("n2", "/d/2"), new PoolMember("n3", "/d/3")), 10809,
                Instant.now()), "n1");
        store.markBuilt("tank", owner);
        statuses.imported("tank", "n1", owner.epoch(), true);
        return owner;
    }

    private PoolScrubs scrubs(String node) {
        return new PoolScrubs(store, tasks, underLease, node);
    }

    @Test
    void theOwnerTakesTheRequestScrubsOnceAndReportsTheRepairedBytesWhenItCompletes() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.scrub("tank");
        assertEquals("pool.scrub", task.kind());
        assertEquals("n1", task.node());
        assertEquals(TaskState.QUEUED, task.state());
        assertEquals(task.id(), store.request("tank").orElseThrow().request().id());

        PoolScrubs n1 = scrubs("n1");
        n1.pass(driver, "tank", owner);
        assertEquals(List.of("tank"), driver.scrubs);
        assertEquals("n1", store.request("tank").orElseThrow().request().takenBy());
        assertEquals(TaskState.RUNNING, tasks.byId.get(task.id()).state());

        driver.scan = RUNNING;
        n1.pass(driver, "tank", owner);
        assertEquals(TaskState.RUNNING, tasks.byId.get(task.id()).state());
        assertTrue(tasks.byId.get(task.id()).message().contains("40.00% done"), tasks.byId.get(task.id()).message());

        driver.scan = DONE;
        n1.pass(driver, "tank", owner);
        Task done = tasks.byId.get(task.id());
        assertEquals(TaskState.SUCCEEDED, done.state(), done.toString());
        assertTrue(done.message().contains("repaired 196608 bytes, 0 errors"), done.message());
        assertTrue(store.request("tank").isEmpty(), "the request is removed once carried out");

        n1.pass(driver, "tank", owner);
        assertEquals(List.of("tank"), driver.scrubs, "one request scrubs once");
    }

    @Test
    void aScrubThatFindsUnrepairableErrorsFailsItsTask() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.scrub("tank");
        PoolScrubs n1 = scrubs("n1");
        n1.pass(driver, "tank", owner);
        driver.scan = new ScrubStatus(ScrubStatus.State.COMPLETED, "scrub", 2, 0,
                "scrub completed after 0h0m with 2 errors on Tue Dec  2 10:00:00 2026");
        n1.pass(driver, "tank", owner);
        Task done = tasks.byId.get(task.id());
        assertEquals(TaskState.FAILED, done.state());
        assertTrue(done.error().contains("could not repair") && done.error().contains("2 errors"), done.error());
    }

    @Test
    void unknownPoolsAre404AndPoolsNotImportedByTheirOwnerAre409WithNothingRecorded() {
        assertThrows(NotFoundException.class, () -> manager.scrub("nope"));
        assertThrows(NotFoundException.class, () -> manager.scrub("a/b"));
        PoolOwnership owner = store.create(new Pool(new PoolSpec("tank", 1, null, false, "n1"), List.of(
                new PoolMember("n1", "/d/1"), new PoolMember("n2", "/d/2")), 10809, Instant.now()), "n1");
        ConflictException notBuilt = assertThrows(ConflictException.class, () -> manager.scrub("tank"));
        assertTrue(notBuilt.getMessage().contains("not built yet"), notBuilt.getMessage());
        store.markBuilt("tank", owner);
        ConflictException noStatus = assertThrows(ConflictException.class, () -> manager.scrub("tank"));
        assertTrue(noStatus.getMessage().contains("not imported by its owner n1"), noStatus.getMessage());
        statuses.imported("tank", "n1", owner.epoch(), false);
        assertThrows(ConflictException.class, () -> manager.scrub("tank"));
        statuses.imported("tank", "n1", owner.epoch() - 1, true); // a report of an older ownership
        assertThrows(ConflictException.class, () -> manager.scrub("tank"));
        assertTrue(store.request("tank").isEmpty(), "nothing recorded");
        assertTrue(tasks.byId.isEmpty(), "no task");
    }

    @Test
    void aSecondScrubWhileOneIsPendingIs409NamingItsTask() {
        builtAndImported();
        Task first = manager.scrub("tank");
        ConflictException e = assertThrows(ConflictException.class, () -> manager.scrub("tank"));
        assertTrue(e.getMessage().contains(first.id()), e.getMessage());
        assertEquals(first.id(), store.request("tank").orElseThrow().request().id());
    }

    @Test
    void aNodeThatNoLongerOwnsThePoolAtItsEpochCannotTakeTheRequest() {
        PoolOwnership owner = builtAndImported();
        manager.scrub("tank");
        raw.commit(List.of(store.move("tank", "n2", owner.epoch()))); // a failover moved the pool meanwhile
        scrubs("n1").pass(driver, "tank", owner); // n1 still believes it owns it at the old epoch
        assertEquals(List.of(), driver.scrubs, "a stale owner never scrubs");
        assertEquals(null, store.request("tank").orElseThrow().request().takenBy());

        PoolOwnership moved = store.owner("tank").orElseThrow();
        scrubs("n2").pass(driver, "tank", moved);
        assertEquals(List.of("tank"), driver.scrubs, "the new owner carries it out");
    }

    @Test
    void withoutAValidLeaseTheRequestWaits() {
        PoolOwnership owner = builtAndImported();
        manager.scrub("tank");
        PoolScrubs noLease = new PoolScrubs(store, tasks, ops -> {
            throw new UnavailableException("node n1 does not hold a valid lease: test");
        }, "n1");
        noLease.pass(driver, "tank", owner);
        assertEquals(List.of(), driver.scrubs);
        assertFalse(store.request("tank").isEmpty(), "still queued");
    }

    @Test
    void aRequestThisNodeTookBeforeItsRestartIsClearedNotRepeated() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.scrub("tank");
        scrubs("n1").pass(driver, "tank", owner);
        scrubs("n1").pass(driver, "tank", owner); // a new instance: this node restarted meanwhile
        assertEquals(List.of("tank"), driver.scrubs);
        assertTrue(store.request("tank").isEmpty());
        assertEquals(TaskState.FAILED, tasks.byId.get(task.id()).state());
        assertTrue(tasks.byId.get(task.id()).error().contains("interrupted by a restart of n1"));
    }

    @Test
    void aScrubTheDriverRefusesFailsItsTaskAndClearsTheRequest() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.scrub("tank");
        driver.scrubFails = new IllegalStateException("dd: failed to open '/a/tank/n2/nbd': Transport endpoint is not connected");
        assertThrows(IllegalStateException.class, () -> scrubs("n1").pass(driver, "tank", owner));
        assertTrue(store.request("tank").isEmpty());
        Task failed = tasks.byId.get(task.id());
        assertEquals(TaskState.FAILED, failed.state());
        assertTrue(failed.error().contains("Transport endpoint is not connected"), failed.error());
    }
}
