package io.cairn.state.raft;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** (d) quorum loss, (e) full restart from the logs, (f) damaged log tail. */
class RaftStoreFailureTest {

    @Test
    void minorityFailsFastWithUnavailable(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            c.stores[0].put("q/a", "1", StoreOp.ABSENT);
            // stop the leader: the other two elect a new one and keep writing
            int leader = c.indexOf(c.leader());
            c.stop(leader);
            int a = (leader + 1) % 3;
            int b = (leader + 2) % 3;
            // during the election a write may fail fast or time out (outcome unknown): retry it
            // conditionally, as callers do, until the two survivors have a leader
            long v = TestCluster.putRetrying(c.stores[a], "q/b", "2");
            assertEquals("2", c.stores[b].get("q/b").orElseThrow().value());
            assertEquals(v, c.stores[b].get("q/b").orElseThrow().version());
            // stop a second member: the last one is a minority
            c.stop(b);
            RaftStore alone = c.stores[a];
            TestCluster.await("view shrinks", 5000, () -> !alone.health().writable());
            long t0 = System.nanoTime();
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> alone.put("q/c", "3", StoreOp.ABSENT));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1500, "failed after " + ms + " ms");
            assertTrue(e.getMessage().contains("sees 1 of 3 voters"), e.getMessage());
            assertThrows(UnavailableException.class, () -> alone.get("q/a"));
            assertEquals("1", alone.getLocal("q/a").orElseThrow().value(), "local reads still work");
            assertFalse(alone.health().writable());
        }
    }

    @Test
    void restartOfAllMembersKeepsEverything(@TempDir Path dir) throws Exception {
        long[] versions = new long[120];
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            for (int i = 0; i < versions.length; i++) {
                versions[i] = c.stores[i % 3].put("r/" + i, "v" + i, StoreOp.ABSENT); // snapshots every 50 entries
            }
        }
        try (TestCluster c = new TestCluster(dir, 3)) {
            // same ports are not guaranteed free; members get new ports, the data dirs are the same
            c.startAll();
            for (RaftStore s : c.stores) {
                List<Versioned> all = s.list("r/");
                assertEquals(versions.length, all.size(), "after restart on " + s.config().member());
            }
            for (RaftStore s : c.stores) {
                TestCluster.await("local state on " + s.config().member(), 5000,
                        () -> s.listLocal("r/").size() == versions.length);
            }
            for (int i = 0; i < versions.length; i++) {
                assertEquals(new Versioned("r/" + i, "v" + i, versions[i]), c.stores[i % 3].getLocal("r/" + i).orElse(null));
            }
            long next = c.stores[1].put("r/0", "new", versions[0]);
            assertTrue(next > versions[versions.length - 1]);
        }
    }

    @Test
    void tornLogTailIsIgnoredAndMemberCatchesUp(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            for (int i = 0; i < 20; i++) {
                c.stores[0].put("t/" + i, "v" + i, StoreOp.ABSENT);
            }
            int victim = c.indexOf(c.follower());
            String name = "n" + (victim + 1);
            TestCluster.await("victim applied", 5000, () -> c.stores[victim].listLocal("t/").size() == 20);
            c.stop(victim);
            for (int i = 20; i < 30; i++) {
                c.stores[(victim + 1) % 3].put("t/" + i, "v" + i, StoreOp.ABSENT);
            }
            // a record cut mid-write, as a crash during a write leaves it: the start of a record that was never
            // fsynced, so never acknowledged. (Cutting an acknowledged, fsynced record is not a crash: Ratis' leader
            // then refuses to lower that follower's match index, as Raft requires.)
            Path segment = newestLogSegment(dir.resolve(name));
            long size = Files.size(segment);
            assertTrue(size > 100, segment + " has " + size + " bytes");
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.seek(f.length());
                f.write(new byte[] {0x2a, 0x08, 0x05, 0x10, 0x01, 0x1a, 0x7f}); // a partial entry
            }
            RaftStore back = c.start(victim);
            TestCluster.await(() -> "catch-up on " + name + ": " + back.health() + ", has "
                            + back.listLocal("t/").stream().map(v -> v.key() + "@" + v.version()).toList(), 15_000,
                    () -> back.listLocal("t/").size() == 30);
            for (int i = 0; i < 30; i++) {
                assertEquals("v" + i, back.getLocal("t/" + i).orElseThrow().value());
            }
            TestCluster.putRetrying(back, "t/after", "x");
        }
    }

    @Test
    void refusesToStartOverAJgroupsRaftDataDir(@TempDir Path dir) throws Exception {
        TestCluster c = new TestCluster(dir, 3);
        Files.createDirectories(dir.resolve("n1").resolve("n1.log"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.start(0));
        assertTrue(e.getMessage().contains("jgroups-raft") && e.getMessage().contains("cluster:backup")
                && e.getMessage().contains("cluster:restore --yes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("n1").resolve("ratis")), "nothing was created beside the old store");
    }

    /** The largest (newest) Ratis log segment of a member. */
    static Path newestLogSegment(Path memberDir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(memberDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("log_")).max(java.util.Comparator
                    .comparing((Path p) -> p.getFileName().toString().startsWith("log_inprogress"))
                    .thenComparingLong(p -> p.toFile().lastModified())).orElseThrow(() ->
                    new AssertionError("no log segment under " + memberDir));
        }
    }
}
