package io.cairn.state.raft;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader cut off from the others: it acknowledges no write, its linearizable reads fail instead of answering its
 * stale state (ReadIndex needs a majority round), while the majority elects another leader and goes on. After the
 * heal the old leader's unacknowledged entry is gone and it serves the majority's state.
 */
class RaftPartitionTest {

    @AfterEach
    void heal() {
        Partition.healAll();
    }

    @Test
    void aCutOffLeaderAcknowledgesNothingAndServesNoStaleRead(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            long v1 = c.stores[0].put("p/k", "v1", StoreOp.ABSENT);
            for (RaftStore s : c.stores) {
                TestCluster.await("v1 applied on " + s.config().member(), 5000,
                        () -> s.getLocal("p/k").isPresent());
            }
            RaftStore old = c.leader();
            int o = c.indexOf(old);
            String oldName = old.config().member();
            Partition.isolate(oldName);

            // the cut-off leader cannot commit on its own. Its member's client is not cut off (only Raft traffic
            // is), so it may retry the write at the new leader once the old one stepped down: then the write is
            // acknowledged by the new majority, which must hold it
            long t0 = System.nanoTime();
            long during = 0;
            try {
                during = old.put("p/during-cut", "x", StoreOp.ABSENT);
            } catch (UnavailableException expected) {
                assertTrue(expected.getMessage().contains("outcome unknown") || expected.getMessage().contains("no Raft"),
                        expected.getMessage());
            }
            assertTrue((System.nanoTime() - t0) / 1_000_000 <= 12_000, "the write waited too long");

            // the majority elects another leader and writes
            RaftStore other = c.stores[(o + 1) % 3];
            long v2 = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (v2 == 0) {
                try {
                    v2 = other.put("p/k", "v2", v1);
                } catch (UnavailableException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("the majority did not take over: " + other.debug(), e);
                    }
                    Thread.sleep(100);
                }
            }
            assertEquals("v2", c.stores[(o + 2) % 3].get("p/k").orElseThrow().value());
            if (during > 0) {
                assertEquals(during, c.stores[(o + 2) % 3].get("p/during-cut").orElseThrow().version(),
                        "a write acknowledged to the cut-off member is not on the majority");
            }

            // the old leader must not answer a linearizable read with its stale v1
            for (int i = 0; i < 3; i++) {
                try {
                    String seen = old.get("p/k").orElseThrow().value();
                    assertEquals("v2", seen, "a stale linearizable read on the cut-off leader");
                } catch (UnavailableException expected) {
                    // the right answer while cut off
                }
            }
            assertEquals("v1", old.getLocal("p/k").orElseThrow().value(), "its local replica is stale, as documented");

            Partition.heal(oldName);
            long fv2 = v2;
            TestCluster.await(() -> "old leader caught up: " + old.debug(), 20_000,
                    () -> old.getLocal("p/k").map(x -> x.version() == fv2).orElse(false));
            assertEquals("v2", old.get("p/k").orElseThrow().value());
            assertTrue(old.put("p/after", "x", StoreOp.ABSENT) > v2);
        }
    }

    @Test
    void aLeaderAnswersAReadOnlyAfterABarrierCommittedSinceTheReadBegan(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            RaftStore leader = c.leader();
            leader.put("p/barrier", "v1", StoreOp.ABSENT);
            long barriers = leader.readBarriers();
            long commit = leader.health().commitIndex();
            assertEquals("v1", leader.get("p/barrier").orElseThrow().value());
            assertEquals("v1", leader.list("p/").get(0).value());
            // Ratis alone would answer both from an earlier confirmed round, with no new commit
            assertEquals(barriers + 2, leader.readBarriers(), "each leader read commits its own barrier first");
            assertTrue(leader.health().commitIndex() >= commit + 2, "the barriers are in the log");
        }
    }

    /**
     * Five voters split 2 | 3, the old leader on the small side with one follower: the big side elects a leader
     * and acknowledges v2, while the old leader has not yet stepped down. Ratis' ReadIndex would let the follower
     * read v1 through the old leader (answered from an earlier confirmed round); a barrier it cannot commit does not.
     */
    @Test
    void aFollowerCutOffWithADeposedLeaderAmongFiveVotersNeverReadsStale(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 5, List.of("n1", "n2", "n3", "n4", "n5")).startAll()) {
            RaftStore leader = c.leader();
            long v1 = leader.put("p/five", "v1", StoreOp.ABSENT);
            RaftStore follower = null;
            List<RaftStore> bigSide = new java.util.ArrayList<>();
            for (RaftStore s : c.stores) {
                if (s != leader && follower == null) {
                    follower = s;
                } else if (s != leader) {
                    bigSide.add(s);
                }
            }
            RaftStore f = follower;
            TestCluster.await("v1 applied on " + f.config().member(), 5000, () -> f.getLocal("p/five").isPresent());
            Partition.split(java.util.Set.of(leader.config().member(), f.config().member()));
            // written through the new leader itself as soon as there is one (a write sent to the old leader would
            // wait there until it steps down, and close the window this test looks into)
            TestCluster.await("a leader among the three", 20_000, () -> bigSide.stream()
                    .anyMatch(s -> s.config().member().equals(s.health().leader())));
            RaftStore newLeader = bigSide.stream().filter(s -> s.config().member().equals(s.health().leader()))
                    .findFirst().orElseThrow();
            long v2 = newLeader.put("p/five", "v2", v1);
            // at once, while the old leader may still believe it leads
            for (int i = 0; i < 3; i++) {
                try {
                    // (its client may reach the new leader: the split cuts Raft traffic, not client calls)
                    assertEquals("v2", f.get("p/five").orElseThrow().value(),
                            "a stale read on a follower cut off with the deposed leader");
                } catch (UnavailableException expected) {
                    // the right answer on the side without a majority
                }
            }
            assertEquals("v1", f.getLocal("p/five").orElseThrow().value(), "its replica is stale, as documented: "
                    + f.debug() + "; old leader " + leader.debug() + "; v2 written through " + newLeader.debug());
            Partition.healAll();
            long fv2 = v2;
            TestCluster.await("caught up: " + f.debug(), 20_000,
                    () -> f.getLocal("p/five").map(x -> x.version() == fv2).orElse(false));
            assertEquals("v2", f.get("p/five").orElseThrow().value());
        }
    }

    @Test
    void aLaggingFollowerAnswersLinearizableReadsThroughTheLeader(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            RaftStore follower = c.follower();
            String name = follower.config().member();
            long v1 = c.leader().put("p/lag", "v1", StoreOp.ABSENT);
            TestCluster.await("v1 applied on " + name, 5000, () -> follower.getLocal("p/lag").isPresent());
            Partition.lag(name);
            try {
                c.leader().put("p/lag", "v2", v1);
                // its own ReadIndex would wait for entries it never gets; the read must still be linearizable
                // (without the leader fallback this read times out: UnavailableException)
                assertEquals("v2", follower.get("p/lag").orElseThrow().value());
                assertEquals("v1", follower.getLocal("p/lag").orElseThrow().value(), "the follower did lag");
            } finally {
                Partition.heal(name);
            }
        }
    }

    @Test
    void aWriteIsAcknowledgedOnlyWhenAMajorityHasIt(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            RaftStore leader = c.leader();
            int l = c.indexOf(leader);
            String f1 = "n" + ((l + 1) % 3 + 1);
            String f2 = "n" + ((l + 2) % 3 + 1);
            // one follower cut: the leader and the other follower are a majority
            Partition.isolate(f1);
            long v = leader.put("a/one-cut", "x", StoreOp.ABSENT);
            assertTrue(c.stores[(l + 2) % 3].getLocal("a/one-cut").isPresent()
                    || waitsFor(c.stores[(l + 2) % 3], "a/one-cut"), "the acknowledging follower has it");
            // both followers cut: nothing is acknowledged
            Partition.isolate(f2);
            assertThrows(UnavailableException.class, () -> leader.put("a/both-cut", "x", StoreOp.ABSENT));
            Partition.healAll();
            c.awaitWritable();
            assertTrue(TestCluster.putRetrying(c.stores[l], "a/healed", "y") > v);
        }
    }

    private static boolean waitsFor(RaftStore s, String key) {
        TestCluster.await("apply of " + key + " on " + s.config().member(), 5000, () -> s.getLocal(key).isPresent());
        return true;
    }
}
