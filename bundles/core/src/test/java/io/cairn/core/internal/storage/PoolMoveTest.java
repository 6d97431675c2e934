package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.compute.CoreFakes;
import io.cairn.core.internal.testing.FakeNodes;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A move asked through {@link PoolManager#movePool} and carried out by the owner's {@link PoolMoves},
 * against an in-memory store with the real conditions: VMs first, the pool exported only once their
 * domains are gone here, then the pool handed over with a higher epoch.
 */
class PoolMoveTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final PoolStore store = new PoolStore(raw);
    private final StorageFakes.Statuses statuses = new StorageFakes.Statuses();
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final StorageFakes.Driver driver = new StorageFakes.Driver();
    private final StorageFakes.Exports exports = new StorageFakes.Exports();
    private final FakeNodes nodes = new FakeNodes("n1").up("n1", "n2", "n3");
    private final PoolManager manager = new PoolManager(store, statuses, tasks, new InMemoryServices(), nodes);
    private final List<List<StoreOp>> commits = new ArrayList<>();
    private final ToLongFunction<List<StoreOp>> underLease = ops -> {
        commits.add(ops);
        return raw.commit(ops);
    };
    private final FakeVms vms = new FakeVms();

    /** VMs "a" and "b" have disks on the pool; the test says which domains are still alive here. */
    private static final class FakeVms implements PoolMoves.Vms {
        final List<String> handed = new ArrayList<>();
        final List<String> alive = new ArrayList<>(List.of("a", "b"));

        @Override
        public List<String> withDisksOn(String pool) {
            return List.of("a", "b");
        }

        @Override
        public List<StoreOp> handTo(List<String> names, String target) {
            List<StoreOp> ops = new ArrayList<>();
            for (String n : names) {
                if (!handed.contains(n + "->" + target)) {
                    handed.add(n + "->" + target);
                    ops.add(StoreOp.put("vm/owner/" + n, target, StoreOp.ANY));
                }
            }
            return ops;
        }

        @Override
        public List<String> aliveHere(List<String> names) {
            return List.copyOf(alive);
        }
    }

    private PoolOwnership builtAndImported() {
        return StorageFakes.builtAndImported(store, statuses, driver);
    }

    private static Pool pool() {
        return StorageFakes.tank();
    }

    private PoolMoves moves(String node) {
        return new PoolMoves(store, tasks, underLease, vms, nodes::node, node);
    }

    @Test
    void theVmsGoFirstThePoolIsExportedOnceTheirDomainsAreGoneThenHandedOverAtAHigherEpoch() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.movePool("tank", "n2");
        assertEquals("pool.move", task.kind());
        assertEquals("n1", task.node(), "the owner carries it out");

        // first pass: the VMs are handed to n2, under the lease and on the owner's epoch; their domains still run
        assertTrue(moves("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(List.of("a->n2", "b->n2"), vms.handed);
        List<StoreOp> handOff = commits.get(commits.size() - 1);
        assertEquals(3, handOff.size(), "two VM moves and the owner's epoch as condition: " + handOff);
        assertEquals(List.of(), driver.exported, "never exported while a domain runs here");
        assertEquals("n1", store.owner("tank").orElseThrow().node());
        assertTrue(tasks.byId.get(task.id()).message().contains("waiting for the domains of a, b"),
                tasks.byId.get(task.id()).message());

        // the domains are gone: export, detach, hand over
        vms.alive.clear();
        assertTrue(moves("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(List.of("a->n2", "b->n2"), vms.handed, "each VM handed once");
        assertEquals(List.of("tank"), driver.exported);
        assertEquals(List.of("tank/n1", "tank/n2", "tank/n3"), exports.detached);
        PoolOwnership moved = store.owner("tank").orElseThrow();
        assertEquals("n2", moved.node());
        assertTrue(moved.epoch() > owner.epoch(), "the epoch rose: " + moved);
        assertTrue(store.request("tank").isEmpty(), "the request is gone");
        Task done = tasks.byId.get(task.id());
        assertEquals(TaskState.SUCCEEDED, done.state(), done.toString());
        assertTrue(done.message().contains("moved from n1 to n2") && done.message().contains("a, b"), done.message());
    }

    @Test
    void anExportedPoolWhoseHandOverFailedIsHandedOverLaterAndNeverImportedAgain() {
        PoolOwnership owner = builtAndImported();
        manager.movePool("tank", "n3");
        vms.alive.clear();
        ToLongFunction<List<StoreOp>> failingOnce = new ToLongFunction<>() {
            int calls;

            @Override
            public long applyAsLong(List<StoreOp> ops) {
                if (++calls == 3) {
                    throw new io.cairn.api.common.UnavailableException("the lease could not be renewed");
                }
                return raw.commit(ops);
            }
        };
        PoolMoves flaky = new PoolMoves(store, tasks, failingOnce, vms, nodes::node, "n1");
        assertThrows(io.cairn.api.common.UnavailableException.class,
                () -> flaky.pass(driver, exports, pool(), owner, true));
        assertEquals(List.of("tank"), driver.exported);
        assertEquals("n1", store.owner("tank").orElseThrow().node(), "not handed over yet");

        // the next pass sees the pool exported and the request taken by itself: it hands over, imports nothing
        assertTrue(flaky.pass(driver, exports, pool(), owner, false));
        assertEquals("n3", store.owner("tank").orElseThrow().node());
        assertEquals(List.of("tank"), driver.exported, "exported once");
    }

    @Test
    void badTargetsAreRefusedAndNothingIsRecorded() {
        builtAndImported();
        UnsatisfiableException stranger = assertThrows(UnsatisfiableException.class, () -> manager.movePool("tank", "n9"));
        assertTrue(stranger.getMessage().contains("gives pool 'tank' no disk") && stranger.getMessage().contains("n2, n3"),
                stranger.getMessage());
        ConflictException same = assertThrows(ConflictException.class, () -> manager.movePool("tank", "n1"));
        assertTrue(same.getMessage().contains("owned by n1 already"), same.getMessage());
        nodes.add("n3", 8, 8192, NodeState.DOWN);
        UnsatisfiableException down = assertThrows(UnsatisfiableException.class, () -> manager.movePool("tank", "n3"));
        assertTrue(down.getMessage().contains("n3 is DOWN"), down.getMessage());
        assertThrows(IllegalArgumentException.class, () -> manager.movePool("tank", " "));
        assertThrows(io.cairn.api.common.NotFoundException.class, () -> manager.movePool("nope", "n2"));
        assertTrue(store.request("tank").isEmpty(), "no request recorded");
        assertTrue(tasks.byId.isEmpty());
    }

    @Test
    void aTargetThatWentDownAfterTheRequestFailsTheTaskAndLeavesThePoolWhereItIs() {
        PoolOwnership owner = builtAndImported();
        Task task = manager.movePool("tank", "n2");
        nodes.add("n2", 8, 8192, NodeState.DOWN);
        assertFalse(moves("n1").pass(driver, exports, pool(), owner, true));
        assertEquals(TaskState.FAILED, tasks.byId.get(task.id()).state());
        assertTrue(tasks.byId.get(task.id()).error().contains("n2 is DOWN"), tasks.byId.get(task.id()).toString());
        assertEquals(List.of(), vms.handed);
        assertEquals(List.of(), driver.exported);
        assertEquals("n1", store.owner("tank").orElseThrow().node());
        assertTrue(store.request("tank").isEmpty());
    }

    @Test
    void theFailoverOfAnOwnerThatDiedMidMoveSendsThePoolToTheMovesTarget() {
        builtAndImported();
        PoolOwnership owner = store.owner("tank").orElseThrow();
        manager.movePool("tank", "n3");
        // taken (the VMs may have been handed already), then n1 dies
        store.take("tank", store.request("tank").orElseThrow(), "n1", owner.epoch(), raw::commit);
        PoolFailover failover = new PoolFailover(store);
        assertEquals(java.util.Map.of("tank", "n3"), failover.targets("n1", Set.of("n2", "n3")));
        // without a taken move, the least loaded survivor (n2 by name) takes it
        raw.commit(List.of(StoreOp.delete(PoolKeys.request("tank"), StoreOp.ANY)));
        assertEquals(java.util.Map.of("tank", "n2"), failover.targets("n1", Set.of("n2", "n3")));
    }
}
