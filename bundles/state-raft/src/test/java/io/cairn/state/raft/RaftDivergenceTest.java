package io.cairn.state.raft;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A leader that is cut off (or paused) appends entries nobody else has. After it comes back, the new leader's
 * empty AppendEntries messages (read heartbeats, commit messages) must neither make it apply those entries nor
 * count as its acknowledgement of the new leader's entries; its log must be repaired and it must keep working.
 */
class RaftDivergenceTest {

    @Test
    void cutOffLeadersUncommittedEntriesAreDiscardedNotApplied(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            c.stores[0].put("d/base", "0", StoreOp.ABSENT);
            RaftStore old = c.leader();
            assertNotNull(old);
            DISCARD cut = new DISCARD().discardAll(true);
            old.channel().getProtocolStack().insertProtocol(cut, ProtocolStack.Position.ABOVE, TCP.class);
            // writes on the cut-off leader: appended to its own log only, never committed; reads on it meanwhile
            // (a batch of reads alone made jgroups-raft's leader commit everything it had appended)
            List<Thread> ghosts = new ArrayList<>();
            List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                String key = "d/ghost-" + i;
                Thread t = new Thread(() -> {
                    try {
                        old.put(key, "never", StoreOp.ABSENT);
                        acknowledged.add(key);
                    } catch (RuntimeException expected) {
                        // unavailable / outcome unknown
                    }
                });
                t.start();
                ghosts.add(t);
            }
            Thread reader = new Thread(() -> {
                long end = System.currentTimeMillis() + 1500;
                while (System.currentTimeMillis() < end) {
                    try {
                        old.get("d/base");
                    } catch (RuntimeException expected) {
                        // no majority any more
                    }
                }
            });
            reader.start();
            ghosts.add(reader);
            List<RaftStore> majority = new ArrayList<>();
            for (RaftStore s : c.stores) {
                if (s != old) {
                    majority.add(s);
                }
            }
            TestCluster.await("new leader among the majority", 15_000, () -> majority.get(0).health().writable()
                    && majority.get(0).health().leader() != null
                    && !majority.get(0).health().leader().equals(old.config().member()));
            for (int i = 0; i < 30; i++) {
                majority.get(i % 2).put("d/new-" + i, "v" + i, StoreOp.ABSENT);
            }
            for (Thread t : ghosts) {
                t.join(10_000);
            }
            assertEquals(List.of(), acknowledged, "writes acknowledged by a cut-off leader alone");
            // heal, and keep the new leader busy with reads (each one broadcasts an empty AppendEntries)
            old.channel().getProtocolStack().removeProtocol(cut);
            AtomicReference<String> ghostSeen = new AtomicReference<>();
            long deadline = System.currentTimeMillis() + 30_000;
            List<Versioned> expected = majority.get(0).list("d/");
            while (!old.listLocal("d/").equals(expected)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("old leader did not catch up: " + old.health() + " " + old.debug()
                            + "\nlocal " + old.listLocal("d/"));
                }
                for (Versioned v : old.listLocal("d/ghost")) {
                    ghostSeen.compareAndSet(null, v.toString());
                }
                try {
                    majority.get(0).list("d/");
                    majority.get(1).get("d/base");
                } catch (RuntimeException transientFailure) {
                    // during the merge a read may fail; keep going
                }
                Thread.sleep(5);
            }
            assertNull(ghostSeen.get(), "the cut-off leader applied an entry that was never committed");
            for (int i = 0; i < 30; i++) {
                assertEquals("v" + i, old.getLocal("d/new-" + i).orElseThrow().value());
            }
            // it still takes part: a write through it commits and everybody sees it
            long v = TestCluster.putRetrying(old, "d/after", "x");
            for (RaftStore s : c.stores) {
                TestCluster.await("d/after on " + s.config().member(), 5000,
                        () -> s.getLocal("d/after").map(Versioned::version).orElse(-1L) == v);
            }
        }
    }

    /**
     * A member whose committed entry is not the leader's (here: the term in a record header rewritten while it was
     * stopped) stops serving when it notices, marks its log, and the next start moves the log aside and rejoins.
     */
    @Test
    void memberWithDivergedCommittedLogStopsServingAndRejoinsEmpty(@TempDir Path dir) throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).startAll()) {
            // move past term 1, so that term 1 in the victim's last record is a different, older term
            int first = c.indexOf(c.leader());
            c.stop(first);
            c.start(first);
            c.awaitWritable();
            for (int i = 0; i < 10; i++) {
                TestCluster.putRetrying(c.stores[i % 3], "v/" + i, "x");
            }
            int victim = (c.indexOf(c.leader()) + 1) % 3;
            String name = "n" + (victim + 1);
            long last = TestCluster.putRetrying(c.leader(), "v/flush", "x");
            // the victim's commit index must cover the last entry: wait for one more commit message
            TestCluster.await("victim committed " + last, 5000, () -> c.stores[victim].health().commitIndex() >= last);
            c.stop(victim);
            Path entries = LogRecords.entriesFile(dir, name);
            LogRecords.Record record = LogRecords.read(entries).stream().filter(r -> r.index() == last).findFirst()
                    .orElseThrow(() -> new AssertionError("record " + last + " not found"));
            assertTrue(record.term() > 1, "term of the last entry is " + record.term());
            try (RandomAccessFile f = new RandomAccessFile(entries.toFile(), "rw")) {
                f.seek(record.offset() + LogRecords.TERM_OFFSET);
                f.writeLong(1);
            }
            RaftStore back = c.start(victim);
            TestCluster.await(() -> "divergence noticed on " + name + ": " + back.debug(), 10_000, () -> {
                try {
                    c.leader().get("v/0"); // a read heartbeat names the leader's last index and term
                } catch (RuntimeException ignored) {
                    // leader changing
                }
                return Files.exists(dir.resolve(name).resolve(name + ".diverged"));
            });
            assertFalse(back.health().writable());
            UnavailableException e = assertThrows(UnavailableException.class, () -> back.get("v/0"));
            assertTrue(e.getMessage().contains("diverged"), e.getMessage());
            // what the node's component does: restart the member
            c.stop(victim);
            RaftStore again = c.start(victim);
            assertTrue(again.logCheck().startsWith("MOVED_ASIDE"), again.logCheck());
            TestCluster.await(() -> "catch-up on " + name + ": " + again.health(), 15_000,
                    () -> again.listLocal("v/").size() == 11 && !again.rejoining());
            assertFalse(Files.exists(dir.resolve(name).resolve(name + ".diverged")));
            TestCluster.putRetrying(again, "v/after", "x");
        }
    }
}
