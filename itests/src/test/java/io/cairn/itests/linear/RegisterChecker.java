package io.cairn.itests.linear;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks histories of read/write registers for linearizability: Wing and Gong's search with
 * Lowe's improvements (WGL): a backtracking search over the history's call/return entries in a
 * linked list, with a cache of (set of linearized operations, register value) pairs already
 * explored, and P-compositionality: every key is an independent register, checked alone.
 *
 * <p>An indeterminate write ({@link Op#INDETERMINATE}) may linearize at any point after its
 * invocation, or never. An indeterminate write whose value no read returned is dropped first:
 * "never" is always a valid choice for it, and it can change no read's outcome.
 *
 * <p>A non-linearizable key is reported with a witness shrunk from its history: operations are
 * removed while the rest stays non-linearizable, removing only reads and writes whose value no
 * remaining read returned (removals that keep a linearizable history linearizable), so the
 * witness is a genuine proof.
 */
public final class RegisterChecker {
    /** Search steps one key may take before the checker gives up (reported, never passed). */
    static final long DEFAULT_STEP_BUDGET = 200_000_000L;

    public enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    /** The result of one history: violations, and keys the search gave up on. */
    public record Report(int keys, int ops, int indeterminate, int droppedIndeterminate,
                         List<Violation> violations, List<String> undecidedKeys) {
        public Report {
            violations = List.copyOf(violations);
            undecidedKeys = List.copyOf(undecidedKeys);
        }

        public boolean linearizable() {
            return violations.isEmpty() && undecidedKeys.isEmpty();
        }
    }

    private final String initial;
    private final long stepBudget;
    private final long shrinkMillis;

    /** @param initial every register's value before the history; null for absent */
    public RegisterChecker(String initial) {
        this(initial, DEFAULT_STEP_BUDGET, 20_000);
    }

    RegisterChecker(String initial, long stepBudget, long shrinkMillis) {
        this.initial = initial;
        this.stepBudget = stepBudget;
        this.shrinkMillis = shrinkMillis;
    }

    /** Checks every key of the history on its own. */
    public Report check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>();
        Set<Long> ids = new HashSet<>();
        int indeterminate = 0;
        for (Op op : history) {
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("two operations have id " + op.id());
            }
            if (op.indeterminate()) {
                indeterminate++;
            }
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        checkProcesses(history);
        List<Violation> violations = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        int dropped = 0;
        for (Map.Entry<String, List<Op>> key : byKey.entrySet()) {
            List<Op> ops = key.getValue();
            List<Op> pruned = pruneUnreadIndeterminate(ops);
            dropped += ops.size() - pruned.size();
            Op impossible = readOfUnwrittenValue(pruned);
            if (impossible != null) {
                violations.add(new Violation(key.getKey(), "a read returned a value no write wrote", List.of(impossible),
                        ops.size()));
                continue;
            }
            Outcome outcome = search(pruned);
            if (outcome == Outcome.UNKNOWN) {
                undecided.add(key.getKey());
            } else if (outcome == Outcome.NOT_LINEARIZABLE) {
                violations.add(new Violation(key.getKey(), "no order of the operations agrees with every read and "
                        + "with real time", shrink(pruned), ops.size()));
            }
        }
        return new Report(byKey.size(), history.size(), indeterminate, dropped, violations, undecided);
    }

    /** The outcome for one register's operations (all of the same key). */
    public Outcome checkKey(List<Op> ops) {
        List<Op> pruned = pruneUnreadIndeterminate(ops);
        if (readOfUnwrittenValue(pruned) != null) {
            return Outcome.NOT_LINEARIZABLE;
        }
        return search(pruned);
    }

    /** A process runs one operation at a time: its operations must not overlap. */
    private static void checkProcesses(List<Op> history) {
        Map<Integer, List<Op>> byProcess = new TreeMap<>();
        history.forEach(op -> byProcess.computeIfAbsent(op.process(), p -> new ArrayList<>()).add(op));
        for (List<Op> ops : byProcess.values()) {
            ops.sort(Comparator.comparingLong(Op::invoke));
            for (int i = 1; i < ops.size(); i++) {
                if (ops.get(i - 1).complete() > ops.get(i).invoke()) {
                    throw new IllegalArgumentException("process " + ops.get(i).process() + " overlaps its own operations "
                            + ops.get(i - 1) + " and " + ops.get(i) + " (an indeterminate write ends its process)");
                }
            }
        }
    }

    private static List<Op> pruneUnreadIndeterminate(List<Op> ops) {
        Set<String> read = new HashSet<>();
        for (Op op : ops) {
            if (op.kind() == Op.Kind.READ && op.value() != null) {
                read.add(op.value());
            }
        }
        return ops.stream().filter(op -> !(op.indeterminate() && !read.contains(op.value()))).toList();
    }

    private Op readOfUnwrittenValue(List<Op> ops) {
        Set<String> written = new HashSet<>();
        for (Op op : ops) {
            if (op.kind() == Op.Kind.WRITE) {
                written.add(op.value());
            }
        }
        for (Op op : ops) {
            if (op.kind() == Op.Kind.READ && !Objects.equals(op.value(), initial) && !written.contains(op.value())) {
                return op;
            }
        }
        return null;
    }

    // --- WGL search

    private static final class Entry {
        final Op op;
        final int index;
        final boolean call;
        final long time;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Op op, int index, boolean call) {
            this.op = op;
            this.index = index;
            this.call = call;
            this.time = call ? op.invoke() : op.complete();
        }
    }

    private record Explored(BitSet linearized, String state) {
    }

    private record Frame(Entry entry, String stateBefore) {
    }

    private Outcome search(List<Op> ops) {
        if (ops.isEmpty()) {
            return Outcome.LINEARIZABLE;
        }
        List<Entry> entries = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            Entry call = new Entry(ops.get(i), i, true);
            Entry ret = new Entry(ops.get(i), i, false);
            call.match = ret;
            ret.match = call;
            entries.add(call);
            entries.add(ret);
        }
        // by time; at equal times calls first (the operations count as concurrent)
        entries.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> e.call ? 0 : 1));
        Entry head = new Entry(ops.get(0), -1, true);
        Entry last = head;
        for (Entry e : entries) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        BitSet linearized = new BitSet(ops.size());
        Set<Explored> cache = new HashSet<>();
        ArrayList<Frame> stack = new ArrayList<>();
        String state = initial;
        Entry entry = head.next;
        long steps = 0;
        while (head.next != null) {
            if (++steps > stepBudget) {
                return Outcome.UNKNOWN;
            }
            if (entry.call) {
                Op op = entry.op;
                boolean applies = op.kind() == Op.Kind.WRITE || Objects.equals(op.value(), state);
                String after = op.kind() == Op.Kind.WRITE ? op.value() : state;
                if (applies) {
                    BitSet next = (BitSet) linearized.clone();
                    next.set(entry.index);
                    if (cache.add(new Explored(next, after))) {
                        stack.add(new Frame(entry, state));
                        linearized = next;
                        state = after;
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (entry.op.indeterminate()) {
                    // every operation left has no return before this one: only indeterminate writes, which may never happen
                    return Outcome.LINEARIZABLE;
                }
                if (stack.isEmpty()) {
                    return Outcome.NOT_LINEARIZABLE;
                }
                Frame top = stack.remove(stack.size() - 1);
                state = top.stateBefore();
                linearized = (BitSet) linearized.clone();
                linearized.clear(top.entry().index);
                unlift(top.entry());
                entry = top.entry().next;
            }
        }
        return Outcome.LINEARIZABLE;
    }

    private static void lift(Entry call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }

    // --- shrinking a violation to a small witness

    private List<Op> shrink(List<Op> ops) {
        long deadline = System.nanoTime() + shrinkMillis * 1_000_000L;
        List<Op> current = new ArrayList<>(ops);
        current.sort(Comparator.comparingLong(Op::invoke));
        for (int chunk = Math.max(1, current.size() / 2); ; chunk = Math.max(1, chunk / 2)) {
            boolean removedAny = false;
            for (int start = 0; start < current.size() && System.nanoTime() < deadline; ) {
                List<Op> candidate = withoutRemovable(current, start, chunk);
                if (candidate.size() < current.size() && checkKey(candidate) == Outcome.NOT_LINEARIZABLE) {
                    current = candidate;
                    removedAny = true;
                } else {
                    start += chunk;
                }
            }
            if (System.nanoTime() >= deadline || (chunk == 1 && !removedAny)) {
                return current;
            }
        }
    }

    /** current without the removable operations among [start, start + chunk). */
    private static List<Op> withoutRemovable(List<Op> current, int start, int chunk) {
        Map<Long, Op> kept = new LinkedHashMap<>();
        current.forEach(op -> kept.put(op.id(), op));
        List<Op> window = current.subList(start, Math.min(current.size(), start + chunk));
        // reads first: dropping them can make writes removable
        for (Op op : window) {
            if (op.kind() == Op.Kind.READ) {
                kept.remove(op.id());
            }
        }
        Set<String> stillRead = new HashSet<>();
        kept.values().stream().filter(op -> op.kind() == Op.Kind.READ && op.value() != null)
                .forEach(op -> stillRead.add(op.value()));
        for (Op op : window) {
            if (op.kind() == Op.Kind.WRITE && !stillRead.contains(op.value())) {
                kept.remove(op.id());
            }
        }
        return new ArrayList<>(kept.values());
    }
}
