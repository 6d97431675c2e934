package io.cairn.state.raft.internal;

import org.jgroups.Address;
import org.jgroups.protocols.raft.AppendEntriesRequest;
import org.jgroups.protocols.raft.AppendEntriesResponse;
import org.jgroups.protocols.raft.AppendResult;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Reads the fields jgroups-raft 1.1.4 keeps {@code protected} in its AppendEntries headers (there are no getters).
 * Resolved once at class load, so an incompatible jgroups-raft version fails at start-up, not on a message.
 */
final class AppendEntriesFields {
    private static final VarHandle LEADER;
    private static final VarHandle ENTRY_TERM;
    private static final VarHandle PREV_INDEX;
    private static final VarHandle PREV_TERM;
    private static final VarHandle LEADER_COMMIT;
    private static final VarHandle RESULT;
    private static final VarHandle RESULT_TYPE;

    static {
        try {
            MethodHandles.Lookup req = MethodHandles.privateLookupIn(AppendEntriesRequest.class, MethodHandles.lookup());
            LEADER = req.findVarHandle(AppendEntriesRequest.class, "leader", Address.class);
            ENTRY_TERM = req.findVarHandle(AppendEntriesRequest.class, "entry_term", long.class);
            PREV_INDEX = req.findVarHandle(AppendEntriesRequest.class, "prev_log_index", long.class);
            PREV_TERM = req.findVarHandle(AppendEntriesRequest.class, "prev_log_term", long.class);
            LEADER_COMMIT = req.findVarHandle(AppendEntriesRequest.class, "leader_commit", long.class);
            MethodHandles.Lookup rsp = MethodHandles.privateLookupIn(AppendEntriesResponse.class, MethodHandles.lookup());
            RESULT = rsp.findVarHandle(AppendEntriesResponse.class, "result", AppendResult.class);
            MethodHandles.Lookup res = MethodHandles.privateLookupIn(AppendResult.class, MethodHandles.lookup());
            RESULT_TYPE = res.findVarHandle(AppendResult.class, "result", AppendResult.Result.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("unsupported jgroups-raft version (AppendEntries fields): " + e);
        }
    }

    private AppendEntriesFields() {
    }

    static long prevIndex(AppendEntriesRequest r) {
        return (long) PREV_INDEX.get(r);
    }

    static long prevTerm(AppendEntriesRequest r) {
        return (long) PREV_TERM.get(r);
    }

    static long leaderCommit(AppendEntriesRequest r) {
        return (long) LEADER_COMMIT.get(r);
    }

    /** The same request with another {@code prev_log_term} and {@code leader_commit}. */
    static AppendEntriesRequest with(AppendEntriesRequest r, long prevTerm, long leaderCommit) {
        return new AppendEntriesRequest((Address) LEADER.get(r), r.currTerm(), prevIndex(r), prevTerm,
                (long) ENTRY_TERM.get(r), leaderCommit);
    }

    static AppendResult result(AppendEntriesResponse r) {
        return (AppendResult) RESULT.get(r);
    }

    static AppendResult.Result type(AppendResult r) {
        return (AppendResult.Result) RESULT_TYPE.get(r);
    }
}
