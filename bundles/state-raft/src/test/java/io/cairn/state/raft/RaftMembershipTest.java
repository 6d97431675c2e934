package io.cairn.state.raft;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StateMembership.Members;
import io.cairn.api.state.StoreOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four members, three voters and a learner: voters are added and removed at run time, through any member. */
class RaftMembershipTest {

    @Test
    void votersChangeAtRunTimeAndRefuseToLoseTheMajority(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 4).startAll()) {
            Members m = c.stores[3].members();
            assertEquals(List.of("n1", "n2", "n3"), m.voters());
            assertEquals(List.of("n4"), m.learners());
            long v1 = c.stores[3].put("m/a", "1", StoreOp.ABSENT); // a learner writes through the leader
            assertEquals(v1, c.stores[0].get("m/a").orElseThrow().version());

            // the learner becomes a voter; asked on the learner itself (not the leader)
            m = c.stores[3].addVoter("n4");
            assertEquals(List.of("n1", "n2", "n3", "n4"), m.voters());
            assertEquals(3, m.majority());
            for (RaftStore s : c.stores) {
                TestCluster.await("4 voters on " + s.config().member(), 5000, () -> s.voters().size() == 4);
            }
            assertTrue(assertThrows(ConflictException.class, () -> c.stores[0].addVoter("n4")).getMessage()
                    .contains("already a voter"));
            assertThrows(NotFoundException.class, () -> c.stores[0].addVoter("n9"));

            // versions are log indexes: the membership entry took one, the next write is past it
            long v2 = c.stores[1].put("m/b", "2", StoreOp.ABSENT);
            assertTrue(v2 > v1 + 1, v1 + " then " + v2);
            assertEquals(v2, c.stores[3].get("m/b").orElseThrow().version());

            // one of four down: 3 reachable still make a majority; then it is removed for good
            c.stop(0);
            TestCluster.putRetrying(c.stores[1], "m/c", "x");
            m = c.stores[2].removeVoter("n1");
            assertEquals(List.of("n2", "n3", "n4"), m.voters());
            assertEquals(List.of("n1"), m.learners());

            // n2 down: {n3, n4} are 2 of 3. Removing n3 would leave {n2, n4} with one reachable: refused
            c.stop(1);
            TestCluster.putRetrying(c.stores[2], "m/d", "x");
            ConflictException e = assertThrows(ConflictException.class, () -> c.stores[3].removeVoter("n3"));
            assertTrue(e.getMessage().contains("would lose the majority"), e.getMessage());
            assertTrue(e.getMessage().contains("1 of the 2 voters"), e.getMessage());
            assertEquals(List.of("n2", "n3", "n4"), c.stores[3].voters(), "nothing changed");
            // adding an unreachable member is refused too
            assertTrue(assertThrows(ConflictException.class, () -> c.stores[3].addVoter("n1")).getMessage()
                    .contains("not reachable"));

            // the former voter comes back as a learner: it replicates, but does not count
            c.start(0);
            c.start(1);
            c.awaitWritable();
            TestCluster.await("n1 sees the voters from the log", 10_000,
                    () -> c.stores[0].voters().equals(List.of("n2", "n3", "n4")));
            TestCluster.await("n1 replicated", 10_000, () -> c.stores[0].getLocal("m/d").isPresent());
            // with a voter away, no other change: it could miss two changes and elect with a stale majority
            c.stop(3);
            TestCluster.await("n4 gone from n2's view", 10_000, () -> !c.stores[1].members().reachable().contains("n4"));
            ConflictException away = assertThrows(ConflictException.class, () -> c.stores[1].addVoter("n1"));
            assertTrue(away.getMessage().contains("voter [n4] not reachable"), away.getMessage());
            assertEquals(List.of("n2", "n3", "n4"), c.stores[1].voters(), "nothing changed");
            c.start(3);
            c.awaitWritable();

            c.stop(2);
            c.stop(3);
            RaftStore n2 = c.stores[1];
            TestCluster.await("n2 alone among voters", 10_000, () -> !n2.health().writable());
            UnavailableException u = assertThrows(UnavailableException.class, () -> n2.put("m/e", "x", StoreOp.ANY));
            assertTrue(u.getMessage().contains("sees 1 of 3 voters"), u.getMessage());
        }
        // a full restart keeps the changed voters (membership entries are in the logs)
        try (TestCluster c = new TestCluster(dir, 4).startAll()) {
            for (RaftStore s : c.stores) {
                assertEquals(List.of("n2", "n3", "n4"), s.voters(), "after restart on " + s.config().member());
            }
            assertEquals("1", c.stores[0].get("m/a").orElseThrow().value());
            assertFalse(c.stores[0].members().voters().contains("n1"));
        }
    }

    /**
     * A voter removed while it was down still believes it votes. When it comes back while another voter is away,
     * it must not help elect anybody (its old majority is not the real one); once the real majority is back it
     * learns of its removal and follows as a listener, and nothing committed is lost.
     */
    @Test
    void aVoterRemovedWhileAwayComesBackAsALearner(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            c.stores[0].put("s/before", "1", StoreOp.ABSENT);
            c.stop(2);
            TestCluster.await("n3 out of the others' view", 10_000,
                    () -> !c.stores[0].members().reachable().contains("n3"));
            assertEquals(List.of("n1", "n2"), removeRetrying(c.stores[1], "n3"));
            long v = TestCluster.putRetrying(c.stores[1], "s/after-removal", "2");
            // n1 goes away and n3 comes back: n2 and n3 see each other; n3 still counts itself a voter
            c.stop(0);
            c.start(2);
            TestCluster.await("n2 and n3 see each other", 20_000,
                    () -> c.stores[1].members().reachable().equals(List.of("n2", "n3")));
            Thread.sleep(4000); // election rounds of n3's old majority, if they were answered
            assertThrows(UnavailableException.class, () -> c.stores[1].put("s/minority", "x", StoreOp.ANY));
            assertThrows(UnavailableException.class, () -> c.stores[2].put("s/minority", "x", StoreOp.ANY));
            c.start(0);
            c.awaitWritable();
            TestCluster.putRetrying(c.stores[0], "s/healed", "x");
            for (RaftStore s : c.stores) {
                TestCluster.await(() -> "converged on " + s.config().member() + ": " + s.debug(), 15_000,
                        () -> s.getLocal("s/healed").isPresent()
                                && s.getLocal("s/after-removal").map(x -> x.version() == v).orElse(false)
                                && s.voters().equals(List.of("n1", "n2")));
            }
            assertFalse(c.stores[0].getLocal("s/minority").isPresent(), "a minority write committed");
            assertEquals(List.of("n3"), c.stores[2].members().learners());
        }
    }

    /** Five configured voters: two may fail, a third stops writes. */
    @Test
    void fiveVotersTolerateTwoFailures(@TempDir Path dir) throws Exception {
        List<String> five = List.of("n1", "n2", "n3", "n4", "n5");
        try (TestCluster c = new TestCluster(dir, 5, five).startAll()) {
            assertEquals(five, c.stores[0].members().voters());
            assertEquals(3, c.stores[0].members().majority());
            c.stores[0].put("f/a", "1", StoreOp.ABSENT);
            c.stop(0);
            c.stop(1);
            TestCluster.putRetrying(c.stores[2], "f/b", "x");
            assertEquals("x", c.stores[4].get("f/b").orElseThrow().value());
            c.stop(2);
            RaftStore n4 = c.stores[3];
            TestCluster.await("n4 without a majority", 10_000, () -> !n4.health().writable());
            UnavailableException u = assertThrows(UnavailableException.class, () -> n4.put("f/c", "x", StoreOp.ANY));
            assertTrue(u.getMessage().contains("sees 2 of 5 voters"), u.getMessage());
        }
    }


    /**
     * As an operator does after "voter change failed … check the voters again before retrying" (the change's
     * deadline passed on a loaded machine): read the voters, and ask again while the member is still one.
     */
    private static List<String> removeRetrying(RaftStore store, String member) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                return store.removeVoter(member).voters();
            } catch (UnavailableException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
                try {
                    if (!store.voters().contains(member)) {
                        return store.voters();
                    }
                } catch (UnavailableException stillBusy) {
                    // the next attempt tells
                }
            }
        }
    }
}
