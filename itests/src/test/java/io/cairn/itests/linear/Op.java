package io.cairn.itests.linear;

import java.util.Objects;

/**
 * One operation on a register, as a client saw it.
 *
 * @param id       unique within a history (any order)
 * @param process  the client that issued it; a process runs one operation at a time
 * @param key      the register
 * @param kind     read or write
 * @param value    the value written, or the value read; null means "absent" (no value)
 * @param invoke   when the client sent it (one monotonic clock for the whole history)
 * @param complete when the client got the answer, or {@link #INDETERMINATE} for a write whose
 *                 outcome is unknown (timed out, 5xx): it may take effect any time after its
 *                 invocation, or never
 */
public record Op(long id, int process, String key, Kind kind, String value, long invoke, long complete) {
    public static final long INDETERMINATE = Long.MAX_VALUE;

    public enum Kind { READ, WRITE }

    public Op {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (complete < invoke) {
            throw new IllegalArgumentException("op " + id + " completes (" + complete + ") before it is invoked (" + invoke + ")");
        }
        if (kind == Kind.READ && complete == INDETERMINATE) {
            throw new IllegalArgumentException("op " + id + ": a read without an answer carries no information; drop it");
        }
        if (kind == Kind.WRITE && value == null) {
            throw new IllegalArgumentException("op " + id + ": a write needs a value");
        }
    }

    public static Op write(long id, int process, String key, String value, long invoke, long complete) {
        return new Op(id, process, key, Kind.WRITE, value, invoke, complete);
    }

    public static Op read(long id, int process, String key, String value, long invoke, long complete) {
        return new Op(id, process, key, Kind.READ, value, invoke, complete);
    }

    public boolean indeterminate() {
        return complete == INDETERMINATE;
    }

    @Override
    public String toString() {
        return "#" + id + " p" + process + " " + key + " " + (kind == Kind.READ ? "read" : "write") + " "
                + (value == null ? "<absent>" : "'" + value + "'") + " [" + invoke + ", "
                + (indeterminate() ? "?" : String.valueOf(complete)) + "]";
    }
}
