package io.cairn.shell.internal;

import io.cairn.api.state.StateMembership;
import io.cairn.api.task.Task;

import java.io.PrintStream;
import java.util.Locale;

/** Small formatting helpers shared by the commands. */
final class Format {
    private Format() {
    }

    /** An optional service reference: absent means a one-line error, not a missing command. */
    static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException("the " + what + " is not available on this node yet");
        }
        return service;
    }

    static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** One line saying which task carries an operation out. */
    static void printTask(PrintStream out, Task task) {
        out.printf("Task %s (%s %s) %s%n", task.id(), task.kind(), orDash(task.target()), lower(task.state()));
    }

    /** The voters and learners, one line each, with reachability; then the majority. */
    static void printMembers(PrintStream out, StateMembership.Members m) {
        out.printf("%-12s %-8s %-10s %s%n", "MEMBER", "ROLE", "REACHABLE", "LEADER");
        for (String v : m.voters()) {
            out.printf("%-12s %-8s %-10s %s%n", v, "voter", m.reachable().contains(v) ? "yes" : "no",
                    v.equals(m.leader()) ? "*" : "");
        }
        for (String l : m.learners()) {
            out.printf("%-12s %-8s %-10s %s%n", l, "learner", m.reachable().contains(l) ? "yes" : "no", "");
        }
        long reachable = m.voters().stream().filter(m.reachable()::contains).count();
        out.printf("%d voters, %d reachable; a write needs %d%s%n", m.voters().size(), reachable, m.majority(),
                m.voters().size() % 2 == 0 ? " (an even number of voters tolerates no more failures than one fewer)"
                        : "");
    }
}
