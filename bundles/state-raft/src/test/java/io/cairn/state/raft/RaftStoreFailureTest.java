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
    void damagedLogTailIsRepairedAndMemberCatchesUp(@TempDir Path dir) throws Exception {
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
            // cut the last record in the middle, as a crash during a write would
            Path entries = LogRecords.entriesFile(dir, name);
            List<LogRecords.Record> records = LogRecords.read(entries);
            long end = records.isEmpty() ? 0 : records.get(records.size() - 1).end();
            assertTrue(end > 100, "records end at " + end);
            try (RandomAccessFile f = new RandomAccessFile(entries.toFile(), "rw")) {
                f.setLength(end - 7);
            }
            RaftStore back = c.start(victim);
            assertTrue(back.logCheck().startsWith("TAIL_CUT") || back.logCheck().startsWith("MOVED_ASIDE"),
                    back.logCheck());
            TestCluster.await(() -> "catch-up on " + name + ": " + back.health(), 10_000,
                    () -> back.listLocal("t/").size() == 30);
            for (int i = 0; i < 30; i++) {
                assertEquals("v" + i, back.getLocal("t/" + i).orElseThrow().value());
            }
            back.put("t/after", "x", StoreOp.ABSENT);
        }
    }

    @Test
    void corruptedCommittedEntryMovesLogAsideAndRejoinsWithoutVoting(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            for (int i = 0; i < 10; i++) {
                c.stores[0].put("k/" + i, "value-" + i, StoreOp.ABSENT);
            }
            int victim = c.indexOf(c.follower());
            String name = "n" + (victim + 1);
            TestCluster.await("victim applied", 5000, () -> c.stores[victim].listLocal("k/").size() == 10);
            c.stores[0].put("k/flush", "x", StoreOp.ABSENT); // so the victim's commit index covers k/9
            TestCluster.await("victim applied flush", 5000, () -> c.stores[victim].getLocal("k/flush").isPresent());
            c.stop(victim);
            Path entries = LogRecords.entriesFile(dir, name);
            byte[] bytes = Files.readAllBytes(entries);
            int at = indexOf(bytes, "value-3".getBytes());
            bytes[at] ^= 0x55; // bit rot inside a committed record
            Files.write(entries, bytes);
            RaftStore back = c.start(victim);
            assertTrue(back.logCheck().startsWith("MOVED_ASIDE"), back.logCheck());
            try (Stream<Path> s = Files.list(dir.resolve(name))) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(name + ".log.damaged-")));
            }
            TestCluster.await(() -> "catch-up on " + name + ": " + back.health(), 10_000,
                    () -> back.listLocal("k/").size() == 11 && !back.rejoining());
            assertEquals("value-3", back.getLocal("k/3").orElseThrow().value());
            assertFalse(Files.exists(dir.resolve(name).resolve(name + ".rejoining")));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found in log");
    }
}
