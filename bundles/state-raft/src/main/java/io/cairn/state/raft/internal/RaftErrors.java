package io.cairn.state.raft.internal;

/** Messages of failures from deep inside Ratis and gRPC. */
public final class RaftErrors {
    private RaftErrors() {
    }

    /** The innermost cause's class and message. */
    public static String rootMessage(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
