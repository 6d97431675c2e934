package io.cairn.itests.linear;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.cairn.itests.linear.Op.INDETERMINATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisterCheckerTest {
    private final RegisterChecker checker = new RegisterChecker(null);
    private long ids;

    private Op w(int p, String value, long invoke, long complete) {
        return Op.write(ids++, p, "k", value, invoke, complete);
    }

    private Op r(int p, String value, long invoke, long complete) {
        return Op.read(ids++, p, "k", value, invoke, complete);
    }

    private RegisterChecker.Report check(Op... ops) {
        return checker.check(List.of(ops));
    }

    @Test
    void sequentialWritesAndReadsAreLinearizable() {
        assertTrue(check(r(0, null, 0, 1), w(0, "a", 2, 3), r(1, "a", 4, 5), w(1, "b", 6, 7), r(0, "b", 8, 9))
                .linearizable());
    }

    @Test
    void aStaleReadAfterAnAcknowledgedWriteIsAViolation() {
        RegisterChecker.Report report = check(w(0, "a", 0, 1), w(0, "b", 2, 3), r(1, "a", 4, 5));
        assertEquals(1, report.violations().size(), report.toString());
        Violation v = report.violations().get(0);
        assertEquals("k", v.key());
        // the first write is needed (the read returns its value), the second and the read make the violation
        assertEquals(3, v.witness().size(), v.toString());
    }

    @Test
    void aReadOfAbsentAfterAnAcknowledgedWriteIsAViolation() {
        assertFalse(check(w(0, "a", 0, 1), r(1, null, 2, 3)).linearizable());
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        assertTrue(check(w(0, "a", 0, 1), w(0, "b", 2, 10), r(1, "a", 3, 4), r(2, "b", 5, 6)).linearizable());
        ids = 0;
        assertTrue(check(w(0, "a", 0, 1), w(0, "b", 2, 10), r(1, "a", 3, 4)).linearizable());
    }

    @Test
    void concurrentWritesSeenInOneOrderByEveryReaderAreLinearizable() {
        // a and b concurrent; readers see a then b, consistently
        assertTrue(check(w(0, "a", 0, 10), w(1, "b", 0, 10), r(2, "a", 1, 2), r(3, "b", 3, 4), r(2, "b", 11, 12))
                .linearizable());
    }

    @Test
    void concurrentWritesSeenInBothOrdersAreAViolation() {
        // while both writes run, one reader sees a then b, and after both finished another sees a again
        RegisterChecker.Report report = check(w(0, "a", 0, 10), w(1, "b", 0, 10), r(2, "a", 1, 2), r(3, "b", 3, 4),
                r(2, "a", 5, 6));
        assertEquals(1, report.violations().size());
        // and after both writes the register holds one value for good
        ids = 0;
        assertFalse(check(w(0, "a", 0, 10), w(1, "b", 0, 10), r(2, "b", 11, 12), r(3, "a", 13, 14)).linearizable());
    }

    @Test
    void anIndeterminateWriteMayShowUpLaterOrNever() {
        // timed out at the client, then seen: fine
        assertTrue(check(w(0, "a", 0, 1), w(1, "b", 2, INDETERMINATE), r(2, "a", 3, 4), r(2, "b", 100, 101))
                .linearizable());
        ids = 0;
        // never seen: fine
        assertTrue(check(w(0, "a", 0, 1), w(1, "b", 2, INDETERMINATE), r(2, "a", 100, 101)).linearizable());
        ids = 0;
        // seen, then gone although nothing else was written: a violation
        assertFalse(check(w(0, "a", 0, 1), w(1, "b", 2, INDETERMINATE), r(2, "b", 3, 4), r(2, "a", 5, 6))
                .linearizable());
        ids = 0;
        // it cannot take effect before it was sent
        assertFalse(check(w(0, "a", 0, 1), r(2, "b", 2, 3), w(1, "b", 4, INDETERMINATE)).linearizable());
    }

    @Test
    void anIndeterminateWriteThatNoReadSawIsDropped() {
        RegisterChecker.Report report = check(w(0, "a", 0, 1), w(1, "b", 2, INDETERMINATE), r(2, "a", 3, 4));
        assertEquals(1, report.indeterminate());
        assertEquals(1, report.droppedIndeterminate());
    }

    @Test
    void aReadOfAValueNeverWrittenIsAViolationWithThatReadAsWitness() {
        RegisterChecker.Report report = check(w(0, "a", 0, 1), r(1, "zzz", 2, 3));
        assertEquals(1, report.violations().size());
        assertEquals(List.of("zzz"), report.violations().get(0).witness().stream().map(Op::value).toList());
    }

    @Test
    void keysAreCheckedApartAndOnlyTheBadKeyIsReported() {
        List<Op> ops = new ArrayList<>();
        ops.add(Op.write(1, 0, "good", "x", 0, 1));
        ops.add(Op.read(2, 1, "good", "x", 2, 3));
        ops.add(Op.write(3, 0, "bad", "y", 4, 5));
        ops.add(Op.read(4, 1, "bad", null, 6, 7));
        RegisterChecker.Report report = checker.check(ops);
        assertEquals(2, report.keys());
        assertEquals(List.of("bad"), report.violations().stream().map(Violation::key).toList());
    }

    @Test
    void theWitnessIsShrunkToTheOffendingOperations() {
        List<Op> ops = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            ops.add(w(i % 3, "v" + i, t, t + 5));
            ops.add(r((i + 1) % 3, "v" + i, t + 6, t + 7));
            t += 10;
        }
        ops.add(r(1, "v10", t, t + 1)); // stale: v10 was overwritten long ago
        RegisterChecker.Report report = checker.check(ops);
        assertEquals(1, report.violations().size());
        Violation v = report.violations().get(0);
        assertTrue(v.witness().size() <= 3, v.toString());
        assertTrue(v.witness().stream().anyMatch(op -> op.kind() == Op.Kind.READ && op.value().equals("v10")
                && op.invoke() == 2000), v.toString());
    }

    /**
     * Three clients against a simulated atomic register (each operation takes effect at a random
     * point inside its interval; some writes lose their answer): linearizable by construction.
     */
    private static List<Op> simulated(long seed, int count) {
        Random random = new Random(seed);
        record Planned(int index, int process, boolean write, long invoke, long at, long complete, boolean lost) {
        }
        List<Planned> planned = new ArrayList<>();
        long[] free = new long[3];
        int[] process = {0, 1, 2};
        int nextProcess = 3;
        for (int i = 0; i < count; i++) {
            int slot = random.nextInt(3);
            long invoke = free[slot] + random.nextInt(10);
            long at = invoke + random.nextInt(30);
            long complete = at + random.nextInt(30);
            boolean write = random.nextBoolean();
            boolean lost = write && random.nextInt(40) == 0;
            planned.add(new Planned(i, process[slot], write, invoke, at, complete, lost));
            free[slot] = complete + 1;
            if (lost) {
                process[slot] = nextProcess++; // a client whose write timed out goes on as a new process
            }
        }
        List<Planned> byPoint = new ArrayList<>(planned);
        byPoint.sort(java.util.Comparator.comparingLong(Planned::at));
        String[] seen = new String[count];
        String value = null;
        for (Planned op : byPoint) {
            if (op.write()) {
                value = "v" + op.index();
            } else {
                seen[op.index()] = value;
            }
        }
        List<Op> ops = new ArrayList<>();
        for (Planned op : planned) {
            ops.add(op.write() ? Op.write(op.index(), op.process(), "k", "v" + op.index(), op.invoke(),
                    op.lost() ? INDETERMINATE : op.complete())
                    : Op.read(op.index(), op.process(), "k", seen[op.index()], op.invoke(), op.complete()));
        }
        return ops;
    }

    @Test
    void aLongConcurrentLinearizableHistoryIsCheckedQuickly() {
        List<Op> ops = simulated(42, 10_000);
        long start = System.nanoTime();
        RegisterChecker.Report report = checker.check(ops);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(report.linearizable(), report.toString());
        assertTrue(report.indeterminate() > 100, "the simulation lost too few answers: " + report);
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    void oneStaleReadInALongConcurrentHistoryIsFoundAndShrunk() {
        List<Op> ops = new ArrayList<>(simulated(7, 5_000));
        // a read late in the history returns a value whose write was overwritten by a write acknowledged before the read
        Op lastAckedWrite = null;
        Op earlierWrite = null;
        for (Op op : ops) {
            if (op.kind() == Op.Kind.WRITE && !op.indeterminate() && op.invoke() > 1000 && op.invoke() < 2000) {
                if (earlierWrite == null) {
                    earlierWrite = op;
                } else if (op.invoke() > earlierWrite.complete()) {
                    lastAckedWrite = op;
                    break;
                }
            }
        }
        long after = lastAckedWrite.complete() + 1000;
        ops.add(Op.read(1_000_000, 99, "k", earlierWrite.value(), after, after + 1));
        RegisterChecker.Report report = checker.check(ops);
        assertEquals(1, report.violations().size(), report.toString());
        Violation v = report.violations().get(0);
        assertTrue(v.witness().size() <= 4, v.toString());
        assertTrue(v.witness().stream().anyMatch(op -> op.id() == 1_000_000), v.toString());
    }

    @Test
    void malformedOperationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Op.read(1, 0, "k", "a", 0, INDETERMINATE));
        assertThrows(IllegalArgumentException.class, () -> Op.write(1, 0, "k", "a", 5, 4));
        assertThrows(IllegalArgumentException.class, () -> checker.check(List.of(w(0, "a", 0, 10), w(0, "b", 5, 15))));
    }
}
