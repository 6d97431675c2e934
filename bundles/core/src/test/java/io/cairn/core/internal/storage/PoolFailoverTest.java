package io.cairn.core.internal.storage;

import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool moves of a lease expiry, committed against an in-memory store with the real conditions. */
class PoolFailoverTest {
    private static Pool pool(String name, int redundancy) {
        return new Pool(new PoolSpec(name, redundancy, null, false, "n1"), List.of(new PoolMember("n1", "/d/1"),
                new PoolMember("n2", "/d/2"), new PoolMember("n3", "/d/3")), 10809, Instant.now());
    }

    private static PoolFailover failover(PoolStore store) {
        return new PoolFailover(store);
    }

    @Test
    void aDeadOwnersPoolMovesToASurvivingMemberWithAHigherEpoch() throws Exception {
        InMemoryConsistentStore raw = new InMemoryConsistentStore("n2");
        PoolStore store = new PoolStore(raw);
        PoolOwnership before = store.create(pool("tank", 1), "n1");
        List<StoreOp> ops = new ArrayList<>();
        List<String> moved = failover(store).onExpiry("n1", Set.of("n2", "n3"), ops);
        assertEquals(List.of("pool tank -> n2"), moved);
        raw.commit(ops);
        PoolOwnership after = store.owner("tank").orElseThrow();
        assertEquals("n2", after.node());
        assertTrue(after.epoch() > before.epoch());
        // the same move again (a stale expiry) is refused by its condition
        assertThrows(io.cairn.api.state.VersionConflictException.class, () -> raw.commit(ops));
    }

    @Test
    void aPoolWithTooFewLiveMembersStaysPut() throws Exception {
        PoolStore store = new PoolStore(new InMemoryConsistentStore("n2"));
        store.create(pool("tank", 1), "n1");
        List<StoreOp> ops = new ArrayList<>();
        assertEquals(List.of(), failover(store).onExpiry("n1", Set.of("n2"), ops));
        assertTrue(ops.isEmpty());
    }

    @Test
    void poolsOfLiveOwnersDoNotMove() throws Exception {
        PoolStore store = new PoolStore(new InMemoryConsistentStore("n2"));
        store.create(pool("tank", 1), "n3");
        List<StoreOp> ops = new ArrayList<>();
        assertEquals(List.of(), failover(store).onExpiry("n1", Set.of("n2", "n3"), ops));
    }

    @Test
    void theOwnerAfterAnExpiryIsWhereTheMoveSendsThePoolOrItsLiveOwner() {
        PoolStore store = new PoolStore(new InMemoryConsistentStore("n2"));
        store.create(pool("tank", 1), "n1");
        store.create(new Pool(new PoolSpec("pond", 1, null, false, "n3"), List.of(new PoolMember("n1", "/d/4"),
                new PoolMember("n2", "/d/5"), new PoolMember("n3", "/d/6")), 10810, Instant.now()), "n3");
        PoolFailover failover = failover(store);
        List<StoreOp> ops = new ArrayList<>();
        List<String> moved = failover.onExpiry("n1", Set.of("n2", "n3"), ops);
        // n3 owns pond already, so tank goes to n2 (fewest pools), and the VM failover is told the same
        assertEquals(List.of("pool tank -> n2"), moved);
        assertEquals(java.util.Optional.of("n2"), failover.ownerAfterExpiry("tank", "n1", Set.of("n2", "n3")));
        assertEquals(java.util.Optional.of("n3"), failover.ownerAfterExpiry("pond", "n1", Set.of("n2", "n3")));
        assertEquals(java.util.Optional.empty(), failover.ownerAfterExpiry("tank", "n1", Set.of("n2")));
        assertEquals(java.util.Optional.empty(), failover.ownerAfterExpiry("pond", "n3", Set.of("n2")));
        assertEquals(java.util.Optional.empty(), failover.ownerAfterExpiry("nope", "n1", Set.of("n2", "n3")));
    }
}
