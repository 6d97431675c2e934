package io.cairn.shell.internal;

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
}
