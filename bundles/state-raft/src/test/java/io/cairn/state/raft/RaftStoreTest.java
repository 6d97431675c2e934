package io.cairn.state.raft;

import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreHealth;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** (a) forwarding, (b) conflicts, (c) idempotent retry, (g) listener order — on one shared 3-member cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftStoreTest {
    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = new TestCluster(dir, 3).startAll();
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void writeOnFollowerIsForwardedAndVisibleEverywhere() {
        RaftStore follower = cluster.follower();
        assertNotNull(follower, "a follower exists");
        long v = follower.put("vm/a", "{\"cpu\":2}", StoreOp.ABSENT);
        assertTrue(v > 0);
        // linearizable read on every member sees it at once
        for (RaftStore s : cluster.stores) {
            assertEquals(Optional.of(new Versioned("vm/a", "{\"cpu\":2}", v)), s.get("vm/a"));
        }
        // local reads converge
        for (RaftStore s : cluster.stores) {
            TestCluster.await(() -> "local apply on " + s.config().member() + " " + s.getLocal("vm/a") + " v=" + v
                            + " " + s.health() + " " + s.debug() + " LEADER " + cluster.leader().debug(), 5000,
                    () -> s.getLocal("vm/a").map(Versioned::version).orElse(0L) == v);
        }
        StoreHealth h = follower.health();
        assertTrue(h.writable());
        assertEquals(List.of("n1", "n2", "n3"), h.voters());
        assertTrue(h.commitIndex() >= v, h.toString());
        assertTrue(h.stalenessMillis() >= 0 && h.stalenessMillis() < 5000, h.toString());
        assertEquals(0, cluster.leader().health().stalenessMillis());
    }

    @Test
    void conditionalWritesConflictAndApplyNothing() {
        RaftStore s = cluster.stores[0];
        long v1 = s.put("c/x", "1", StoreOp.ABSENT);
        VersionConflictException absent = assertThrows(VersionConflictException.class,
                () -> s.put("c/x", "2", StoreOp.ABSENT));
        assertEquals("c/x", absent.key());
        assertEquals(v1, absent.actualVersion());
        long v2 = s.put("c/x", "2", v1);
        assertTrue(v2 > v1);
        assertThrows(VersionConflictException.class, () -> s.put("c/x", "3", v1));
        // atomic batch: second op conflicts, so the first must not be applied
        VersionConflictException batch = assertThrows(VersionConflictException.class, () -> s.commit(List.of(
                StoreOp.put("c/y", "new", StoreOp.ABSENT), StoreOp.put("c/x", "4", v1))));
        assertEquals("c/x", batch.key());
        assertEquals(Optional.empty(), cluster.stores[2].get("c/y"));
        assertEquals("2", cluster.stores[1].get("c/x").orElseThrow().value());
        long v3 = s.commit(List.of(StoreOp.put("c/y", "new", StoreOp.ABSENT), StoreOp.delete("c/x", v2)));
        assertEquals(Optional.empty(), s.get("c/x"));
        assertEquals(v3, s.get("c/y").orElseThrow().version());
        assertThrows(VersionConflictException.class, () -> s.delete("c/x", v2));
        long v4 = s.put("c/x", "any", StoreOp.ANY);
        assertEquals(List.of(new Versioned("c/x", "any", v4), new Versioned("c/y", "new", v3)), s.list("c/"));
    }

    @Test
    void getAllReadsSeveralKeysInOneLinearizableRound() {
        RaftStore leader = cluster.leader();
        RaftStore follower = cluster.follower();
        long a = leader.put("m/a", "1", StoreOp.ABSENT);
        long b = follower.put("m/b", "2", StoreOp.ABSENT);
        long barriers = leader.readBarriers();
        var found = leader.getAll(List.of("m/b", "m/missing", "m/a"));
        assertEquals(List.of("m/b", "m/a"), List.copyOf(found.keySet()), "found keys in the order asked");
        assertEquals(new Versioned("m/a", "1", a), found.get("m/a"));
        assertEquals(new Versioned("m/b", "2", b), found.get("m/b"));
        assertEquals(barriers + 1, leader.readBarriers(), "one barrier for all three keys");
        assertEquals(found, follower.getAll(List.of("m/b", "m/missing", "m/a")), "a follower's read sees the same");
        assertTrue(leader.getAll(List.of()).isEmpty());
    }

    @Test
    void checksConditionABatchWithoutChangingTheirKey() {
        RaftStore s = cluster.stores[0];
        long owner = s.put("k/owner", "n1", StoreOp.ABSENT);
        long v = s.commit(List.of(StoreOp.check("k/owner", owner), StoreOp.put("k/usage", "1", StoreOp.ABSENT)));
        assertEquals(owner, cluster.stores[1].get("k/owner").orElseThrow().version(), "a check leaves its key");
        assertEquals(v, s.get("k/usage").orElseThrow().version());
        long moved = s.put("k/owner", "n2", owner);
        VersionConflictException stale = assertThrows(VersionConflictException.class, () -> s.commit(List.of(
                StoreOp.check("k/owner", owner), StoreOp.put("k/usage2", "1", StoreOp.ABSENT))));
        assertEquals("k/owner", stale.key());
        assertEquals(moved, stale.actualVersion());
        assertEquals(Optional.empty(), cluster.stores[2].get("k/usage2"));
        s.commit(List.of(StoreOp.check("k/none", StoreOp.ABSENT), StoreOp.put("k/usage3", "1", StoreOp.ABSENT)));
        assertEquals(Optional.empty(), s.get("k/none"));
    }

    @Test
    void retriedRequestIdReturnsTheSameResultWithoutApplyingTwice() {
        RaftStore a = cluster.stores[1];
        RaftStore b = cluster.stores[2];
        UUID id = UUID.randomUUID();
        List<StoreOp> ops = List.of(StoreOp.put("idem/k", "v1", StoreOp.ABSENT));
        long first = a.commit(id, ops);
        // the retry (from another member, as after a failover) would conflict if applied again
        long again = b.commit(id, ops);
        assertEquals(first, again);
        assertEquals(first, a.get("idem/k").orElseThrow().version());
        // a conflicting request keeps its conflict on retry
        UUID id2 = UUID.randomUUID();
        List<StoreOp> stale = List.of(StoreOp.put("idem/k", "v2", StoreOp.ABSENT));
        assertThrows(VersionConflictException.class, () -> a.commit(id2, stale));
        a.delete("idem/k", first);
        assertThrows(VersionConflictException.class, () -> a.commit(id2, stale), "dedup returns the first outcome");
        assertEquals(Optional.empty(), a.get("idem/k"));
    }

    @Test
    void listenersSeeChangesInLogOrderOnEveryMember() {
        List<List<StoreChange>> seen = new ArrayList<>();
        for (RaftStore s : cluster.stores) {
            List<StoreChange> l = Collections.synchronizedList(new ArrayList<>());
            seen.add(l);
            s.addListener(c -> {
                if (c.key().startsWith("order/")) {
                    l.add(c);
                }
            });
        }
        List<StoreChange> expected = new ArrayList<>();
        long prev = StoreOp.ABSENT;
        for (int i = 0; i < 30; i++) {
            RaftStore writer = cluster.stores[i % 3];
            long v = writer.put("order/k", "v" + i, prev);
            expected.add(new StoreChange("order/k", "v" + i, v));
            prev = v;
        }
        long vd = cluster.stores[0].delete("order/k", prev);
        expected.add(new StoreChange("order/k", null, vd));
        for (int n = 0; n < 3; n++) {
            List<StoreChange> l = seen.get(n);
            TestCluster.await("listener events on n" + (n + 1), 5000, () -> l.size() >= expected.size());
            assertEquals(expected, new ArrayList<>(l), "events on n" + (n + 1));
        }
        assertFalse(cluster.stores[2].getLocal("order/k").isPresent());
    }
}
