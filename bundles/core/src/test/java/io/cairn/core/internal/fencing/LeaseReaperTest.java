package io.cairn.core.internal.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.cluster.FixedMember;
import io.cairn.testing.InMemoryConsistentStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease reaper on a clock the test moves: lease 4 s + margin 1 s (+ the lease's grace)
 * without a renewal seen, only on the Raft leader, a full lease again after a gap or on taking
 * the lead, and an expiry that a racing renewal refuses (and the other way round).
 */
class LeaseReaperTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private InMemoryConsistentStore store;
    private LeaseStore leases;
    private LeaseReaper reaper;
    private final List<String> expiredWith = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new InMemoryConsistentStore("n1");
        leases = new LeaseStore(store);
        renew("n1");
        renew("n2");
        renew("n3");
        reaper = new LeaseReaper(leases, new FixedMember("n1"), now::get);
        reaper.bindHandler((dead, live, ops) -> {
            expiredWith.add(dead + " live=" + new java.util.TreeSet<>(live));
            return List.of();
        });
        reaper.start();
        reaper.check(); // takes the lead at once: every lease counts from now
    }

    @AfterEach
    void tearDown() {
        reaper.deactivate();
    }

    @Test
    void aLeaseExpiresOnlyAfterLeasePlusMarginWithoutARenewal() {
        // n1 (the reaper, leading) and n3 keep renewing; n2 stops at t=0
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "expired after only " + s + " s (lease + margin is 5 s)");
        }
        tick(1, "n1", "n3");
        assertFalse(held("n2"), "not expired 6 s after its last renewal");
        assertTrue(held("n1") && held("n3"), "renewing nodes keep their leases");
        assertEquals(List.of("n2 live=[n1, n3]"), expiredWith, "handlers see the dead node and the live ones");
    }

    @Test
    void aRestartGraceInTheLeaseDelaysItsExpiry() {
        store.commit(List.of(leases.renewal("n2", "s-n2", 10_000, version("n2"))));
        for (int s = 1; s <= 15; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "expired at " + s + " s, before lease + margin + 10 s grace");
        }
        tick(1, "n1", "n3");
        assertFalse(held("n2"));
    }

    @Test
    void theReaperNeverExpiresItsOwnLease() {
        for (int s = 1; s <= 10; s++) {
            tick(1, "n2", "n3");
        }
        assertTrue(held("n1"));
        assertTrue(expiredWith.isEmpty(), expiredWith.toString());
    }

    @Test
    void onlyTheLeaderExpiresAndOnTakingTheLeadEveryoneGetsAFullLease() {
        store.leader("n3");
        for (int s = 1; s <= 20; s++) {
            tick(1, "n1", "n3");
        }
        assertTrue(held("n2"), "a follower expired a lease");
        store.leader("n1");
        reaper.check();
        assertTrue(held("n2"), "expired at once on taking the lead");
        // n2 has not renewed for 20 s, but this node has just taken the lead: it counts from now
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "expired " + s + " s after taking the lead");
        }
        tick(1, "n1", "n3");
        assertFalse(held("n2"));
    }

    @Test
    void aGapInItsOwnChecksGivesEveryoneAFullLease() {
        tick(1, "n1", "n3");
        // this JVM was paused (or the host suspended) for 30 s: no checks, no renewals seen
        now.addAndGet(30 * SECOND);
        renew("n1");
        renew("n3");
        reaper.check();
        assertTrue(held("n2"), "expired right after a gap in which this node saw nothing");
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "expired " + s + " s after the gap");
        }
        tick(1, "n1", "n3");
        assertFalse(held("n2"));
    }

    @Test
    void aRenewalRacingTheExpiryWinsAndNothingMoves() {
        // the renewal commits after the reaper read the lease version, before its expiry commit
        reaper.bindHandler((dead, live, ops) -> {
            renew(dead);
            ops.add(StoreOp.put("owner/web", "{\"moved\":true}", StoreOp.ABSENT));
            return List.of("web -> n3");
        });
        for (int s = 1; s <= 6; s++) {
            tick(1, "n1", "n3");
        }
        assertTrue(held("n2"), "the expiry conditional on the old version must be refused");
        assertTrue(store.getLocal("owner/web").isEmpty(), "a refused expiry moved something");
        assertEquals(1, expiredWith.size(), "one attempt");
        // the renewal was seen: n2 has a full lease from then on
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "expired " + s + " s after its racing renewal");
        }
    }

    @Test
    void anExpiryThatWonRefusesTheLateRenewal() {
        long before = version("n2");
        for (int s = 1; s <= 6; s++) {
            tick(1, "n1", "n3");
        }
        assertFalse(held("n2"));
        // n2 comes back and renews with the version it held: refused, it must reacquire
        VersionConflictException e = assertThrows(VersionConflictException.class,
                () -> store.commit(List.of(leases.renewal("n2", "s-n2", 0, before))));
        assertTrue(leases.isLeaseOf("n2", e.key()), e.getMessage());
        assertFalse(held("n2"));
    }

    @Test
    void liveNodesAreThoseRenewedWithinTheLease() {
        tick(2, "n1", "n2", "n3");
        tick(2, "n1", "n3");
        tick(1, "n1", "n3");
        // n2 last renewed 3 s ago, within the 4 s lease
        assertEquals(Set.of("n1", "n2", "n3"), reaper.liveNodes());
        tick(1, "n1", "n3");
        assertEquals(Set.of("n1", "n3"), reaper.liveNodes(), "4 s without a renewal is not live");
        assertTrue(held("n2"), "not live yet not expired either: the margin is not over");
    }

    @Test
    void whatHandlersAddCommitsInTheExpirysOneCommit() {
        reaper.bindHandler((dead, live, ops) -> {
            ops.add(StoreOp.put("owner/web", "{\"node\":\"n3\"}", StoreOp.ABSENT));
            return List.of("web -> n3");
        });
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
        }
        long before = store.health().commitIndex();
        tick(1, "n1", "n3");
        assertFalse(held("n2"));
        // the two renewals of this tick, then the expiry with the move
        assertEquals(before + 3, store.health().commitIndex());
        assertEquals(before + 3, store.getLocal("owner/web").orElseThrow().version(), "the move is not in the expiry commit");
    }

    @Test
    void aFailingHandlerDoesNotStopTheExpiry() {
        reaper.bindHandler((dead, live, ops) -> {
            throw new IllegalStateException("broken handler");
        });
        for (int s = 1; s <= 6; s++) {
            tick(1, "n1", "n3");
        }
        assertFalse(held("n2"));
        assertEquals(1, expiredWith.size(), "the other handler still ran: " + expiredWith);
    }

    @Test
    void aLeaseSeenAtStartUpCountsFromThen() {
        reaper.deactivate();
        now.addAndGet(100 * SECOND);
        reaper = new LeaseReaper(leases, new FixedMember("n1"), now::get);
        reaper.start();
        reaper.check();
        assertTrue(held("n2"), "a lease last renewed 100 s ago expired at once on start-up");
        for (int s = 1; s <= 5; s++) {
            tick(1, "n1", "n3");
            assertTrue(held("n2"), "a lease in the replica at start-up expired after " + s + " s");
        }
        tick(1, "n1", "n3");
        assertFalse(held("n2"));
    }

    // ------------------------------------------------------------------ helpers

    /** {@code seconds} pass on the reaper's clock, the named nodes renew, the reaper checks once. */
    private void tick(int seconds, String... renewing) {
        now.addAndGet(seconds * SECOND);
        for (String n : renewing) {
            renew(n);
        }
        reaper.check();
    }

    private void renew(String node) {
        long expected = store.getLocal(LeaseRecord.key(node)).map(Versioned::version).orElse(StoreOp.ABSENT);
        store.commit(List.of(leases.renewal(node, "s-" + node, 0, expected)));
    }

    private long version(String node) {
        return store.getLocal(LeaseRecord.key(node)).orElseThrow().version();
    }

    private boolean held(String node) {
        return store.getLocal(LeaseRecord.key(node)).isPresent();
    }
}
