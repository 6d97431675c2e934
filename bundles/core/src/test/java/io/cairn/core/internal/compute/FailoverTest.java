package io.cairn.core.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.common.ConflictException;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.core.internal.testing.FakeNodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover as a lease-expiry handler: only the dead node's HA VMs, only to nodes whose lease is
 * held and that are up with room, each move conditional on the epoch it replaces and applied in
 * the one commit that expires the lease.
 */
class FailoverTest {
    private InMemoryConsistentStore store;
    private VmStore vms;
    private FakeNodes nodes;

    @BeforeEach
    void setUp() {
        store = new InMemoryConsistentStore("n2");
        vms = new VmStore(store);
        nodes = new FakeNodes("n2");
    }

    @Test
    void onlyTheDeadNodesHaVmsMoveAndOnlyToLiveNodes() {
        nodes.up("n1", "n2", "n3", "n4");
        vms.create(CoreFakes.vm("ha1", true, PowerState.RUNNING), "n1");
        vms.create(CoreFakes.vm("plain", false, PowerState.RUNNING), "n1");
        vms.create(CoreFakes.vm("ha-n2", true, PowerState.RUNNING), "n2");
        List<StoreOp> ops = new ArrayList<>();
        // n4 is up in the registry but its lease is not held: not a target
        List<String> moved = new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n3"), ops);
        assertEquals(List.of("ha1 -> n3"), moved);
        assertEquals(List.of("owner/ha1"), ops.stream().map(StoreOp::key).toList());
        store.commit(ops);
        assertEquals("n3", vms.owner("ha1").orElseThrow().node());
        assertEquals("n1", vms.owner("plain").orElseThrow().node(), "a non-HA VM moved");
        assertEquals("n2", vms.owner("ha-n2").orElseThrow().node());
    }

    @Test
    void movesFollowCapacityAndWhatDoesNotFitStaysPut() {
        nodes.up("n1").add("n2", 8, 4096, NodeState.UP).add("n3", 8, 4096, NodeState.UP)
                .add("n4", 8, 65536, NodeState.DOWN);
        vms.create(CoreFakes.vm("a", true, PowerState.RUNNING, 3000), "n1");
        vms.create(CoreFakes.vm("b", true, PowerState.RUNNING, 3000), "n1");
        vms.create(CoreFakes.vm("c", true, PowerState.RUNNING, 3000), "n1");
        List<StoreOp> ops = new ArrayList<>();
        // n4 holds its lease but the registry has it down: not a target either
        List<String> moved = new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n2", "n3", "n4"), ops);
        assertEquals(2, moved.size(), moved.toString());
        assertEquals(2, ops.size());
        store.commit(ops);
        long onN2 = vms.owners().values().stream().filter(o -> o.node().equals("n2")).count();
        long onN3 = vms.owners().values().stream().filter(o -> o.node().equals("n3")).count();
        assertEquals(1, onN2, "the memory already moved to a node counts: " + vms.owners());
        assertEquals(1, onN3, vms.owners().toString());
        assertEquals(1, vms.owners().values().stream().filter(o -> o.node().equals("n1")).count());
    }

    @Test
    void theMoveHappensInTheExpiryCommitUnderANewEpoch() {
        nodes.up("n1", "n3");
        Ownership before = vms.create(CoreFakes.vm("ha1", true, PowerState.RUNNING), "n1");
        long lease = store.put("lease/n1", "{}", StoreOp.ABSENT);
        List<StoreOp> ops = new ArrayList<>(List.of(StoreOp.delete("lease/n1", lease)));
        new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n3"), ops);
        long index = store.commit(ops);
        Ownership after = vms.owner("ha1").orElseThrow();
        assertEquals("n3", after.node());
        assertEquals(index, after.epoch(), "the move is the expiry's commit");
        assertTrue(after.epoch() > before.epoch());
        assertTrue(store.getLocal("lease/n1").isEmpty());
    }

    @Test
    void aClaimByTheOldOwnerAfterTheMoveWasPreparedRefusesTheWholeExpiry() {
        nodes.up("n1", "n3");
        Ownership created = vms.create(CoreFakes.vm("ha1", true, PowerState.RUNNING), "n1");
        long lease = store.put("lease/n1", "{}", StoreOp.ABSENT);
        List<StoreOp> ops = new ArrayList<>(List.of(StoreOp.delete("lease/n1", lease)));
        new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n3"), ops);
        // n1 renews and claims in one commit before the expiry lands
        Ownership claimed = vms.claim("ha1", created,
                claim -> store.commit(concat(claim, StoreOp.put("lease/n1", "{}", lease))));
        long index = store.health().commitIndex();
        assertThrows(VersionConflictException.class, () -> store.commit(ops));
        assertEquals(index, store.health().commitIndex(), "a refused expiry applied something");
        assertEquals(claimed, vms.owner("ha1").orElseThrow());
        assertTrue(store.getLocal("lease/n1").isPresent());
    }

    @Test
    void nothingToMoveAddsNothing() {
        nodes.up("n1", "n2");
        vms.create(CoreFakes.vm("plain", false, PowerState.RUNNING), "n1");
        List<StoreOp> ops = new ArrayList<>();
        assertEquals(List.of(), new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n2"), ops));
        assertTrue(ops.isEmpty());
    }

    @Test
    void aClaimAndAnExpiryRacingOnTwoThreadsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int claimsWon = 0;
            int expiriesWon = 0;
            for (int round = 0; round < 200; round++) {
                store = new InMemoryConsistentStore("n2");
                vms = new VmStore(store);
                nodes = new FakeNodes("n2").up("n1", "n3");
                Ownership created = vms.create(CoreFakes.vm("ha1", true, PowerState.RUNNING), "n1");
                long lease = store.put("lease/n1", "{}", StoreOp.ABSENT);
                // both sides prepared from the same versions: the lease n1 holds, the epoch it owns
                List<StoreOp> expiry = new ArrayList<>(List.of(StoreOp.delete("lease/n1", lease)));
                new Failover(vms, nodes, 0).onExpiry("n1", Set.of("n3"), expiry);
                CyclicBarrier gate = new CyclicBarrier(2);
                Future<Boolean> claim = pool.submit(() -> {
                    gate.await();
                    try {
                        vms.claim("ha1", created, ops -> store.commit(concat(ops, StoreOp.put("lease/n1", "{}", lease))));
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                });
                Future<Boolean> expire = pool.submit(() -> {
                    gate.await();
                    try {
                        store.commit(expiry);
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                });
                boolean claimed = claim.get(10, TimeUnit.SECONDS);
                boolean expired = expire.get(10, TimeUnit.SECONDS);
                assertTrue(claimed ^ expired, "round " + round + ": claim " + claimed + ", expiry " + expired);
                Ownership owner = vms.owner("ha1").orElseThrow();
                if (claimed) {
                    claimsWon++;
                    assertEquals("n1", owner.node());
                    assertTrue(store.getLocal("lease/n1").isPresent());
                } else {
                    expiriesWon++;
                    assertEquals("n3", owner.node());
                    assertTrue(store.getLocal("lease/n1").isEmpty());
                }
                assertTrue(owner.epoch() > created.epoch());
            }
            assertEquals(200, claimsWon + expiriesWon);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<StoreOp> concat(List<StoreOp> ops, StoreOp more) {
        List<StoreOp> all = new ArrayList<>(ops);
        all.add(more);
        return all;
    }
}
