package io.cairn.state.raft.internal;

import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.AppendEntriesRequest;
import org.jgroups.protocols.raft.LogEntries;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.RaftHeader;
import org.jgroups.protocols.raft.Role;
import org.jgroups.raft.util.CommitTable;
import org.jgroups.raft.util.RequestTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * RAFT that commits and acknowledges, as a follower, only entries it knows to be the leader's.
 *
 * <p>jgroups-raft 1.1.4 handles an AppendEntries without entries (the leader's read heartbeats and commit messages)
 * by committing up to the leader's commit index and answering OK with its own last index, without checking that
 * its log matches the leader's (Raft §5.3 allows committing only up to the last entry verified against the leader).
 * A leader that was cut off or paused keeps entries of its old term that were never committed; after it rejoins it
 * then applies them (state nobody else has) and wedges ("cannot delete entries ... as commit_index is higher"),
 * and its OK counts towards the new leader's majority for entries it does not have.
 *
 * <p>Here every AppendEntries is checked first, on RAFT's own thread: Raft's log matching property says that an
 * entry with the leader's term at the same index means the whole prefix is the leader's, so the highest such index
 * seen in this term is "matched". The leader's commit index is lowered to it before RAFT sees the message, and
 * {@link RaftWatch} lowers the index of an OK answer to it ({@link #ackCap}). The leader then resends from there
 * and RAFT's normal conflict handling replaces the stale suffix.
 *
 * <p>A committed entry whose term differs from the leader's means this member's state already diverged (a log
 * written by an unfixed version, or a damaged record header); it is reported once to the divergence listener.
 *
 * <p>Votes: the election protocol answers a VoteRequest on the receiving thread with this member's last log index
 * and term, while RAFT appends on its own thread. Without ordering, a member could report "last index 666" for
 * term 4 and then append and acknowledge 667 in term 3, so that 667 commits while the term-4 leader is elected
 * without it. {@link #runOrdered} serialises vote handling with RAFT's
 * handling of leader messages.
 *
 * <p>Also: RAFT resends to lagging followers only when its request queue stayed empty for a whole
 * {@code resend_interval}, so under steady traffic a follower that missed entries never catches up. The resend sweep
 * here also runs after busy rounds once an interval has passed.
 */
public class MatchCheckedRaft extends RAFT {
    private long matchTerm = -1;
    private long matchIndex;
    private volatile long ackTerm = -1;
    private volatile long ackCap;
    private volatile Consumer<String> divergenceListener = reason -> { };
    private volatile Runnable membershipListener = () -> { };
    private volatile boolean divergenceReported;
    private long lastResendSweepNanos = System.nanoTime();
    private volatile long applying;
    private final ReentrantLock order = new ReentrantLock();
    /** The last events that moved this member's commit index or role, printed when a divergence is found. */
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private String cause = "";

    public MatchCheckedRaft() {
        // same header id as RAFT: members on the wire and the other protocols look it up by RAFT's id
        id = ClassConfigurator.getProtocolId(RAFT.class);
    }

    public MatchCheckedRaft divergenceListener(Consumer<String> listener) {
        divergenceListener = listener;
        return this;
    }

    /** Told (on RAFT's thread) after a membership entry changed the voters. */
    public MatchCheckedRaft membershipListener(Runnable listener) {
        membershipListener = listener;
        return this;
    }

    @Override
    protected void _addServer(String name) {
        super._addServer(name);
        membershipListener.run();
    }

    @Override
    protected void _removeServer(String name) {
        super._removeServer(name);
        membershipListener.run();
    }

    /** The highest index an OK answer in {@code term} may claim. */
    long ackCap(long term) {
        long floor = commitIndex();
        return term == ackTerm ? Math.max(ackCap, floor) : floor;
    }

    @Override
    public void handleUpRequest(Message msg, RaftHeader hdr) {
        order.lock();
        try {
            cause = hdr + " from " + msg.src();
            if (hdr instanceof AppendEntriesRequest req && req.currTerm() >= currentTerm()) {
                hdr = check(msg, req);
                cause = cause + " entries=" + (msg instanceof ObjectMessage om && om.getObject() instanceof LogEntries e
                        ? e.size() : 0) + " checked as " + hdr;
            }
            super.handleUpRequest(msg, hdr);
        } finally {
            cause = "";
            order.unlock();
        }
    }

    /**
     * As leader, never past what a majority acknowledged. jgroups-raft 1.1.4's leader, after a batch holding only
     * read requests, calls this with "last appended + 1" to release the reads, which committed (and applied) every
     * entry it had appended, acknowledged by a majority or not: a leader cut off or paused right after appending
     * applied writes nobody else had, and answered them as committed.
     */
    @Override
    protected RAFT commitLogTo(long indexInclusive, boolean serializeResponse) {
        long before = commitIndex();
        RequestTable<String> table = request_table;
        if (table != null && isLeader()) {
            long acked = before;
            while (acked < lastAppended() && table.isCommitted(acked + 1)) {
                acked++;
            }
            if (indexInclusive > acked) {
                indexInclusive = acked; // still called: it also releases reads waiting for the commit index
            }
        }
        RAFT r = super.commitLogTo(indexInclusive, serializeResponse);
        if (commitIndex() != before) {
            remember("commit " + before + " -> " + commitIndex() + " (asked " + indexInclusive + ", last "
                    + lastAppended() + ") as " + role() + " term " + currentTerm() + " on " + cause);
        }
        return r;
    }

    @Override
    protected RAFT changeRole(Role role) {
        String before = impl == null ? "none" : role();
        RAFT r = super.changeRole(role);
        if (!before.equals(role())) {
            remember("role " + before + " -> " + role() + " term " + currentTerm() + " leader " + leader()
                    + " last " + lastAppended() + " commit " + commitIndex());
        }
        return r;
    }

    private void remember(String event) {
        synchronized (history) {
            history.addLast(System.currentTimeMillis() + " " + event);
            if (history.size() > 300) {
                history.removeFirst();
            }
        }
    }

    /** The recent commit and role events, oldest first. */
    public String history() {
        synchronized (history) {
            return String.join("\n", history);
        }
    }

    /** Runs {@code r} (a vote request's handling) while RAFT is not in the middle of a leader's message. */
    void runOrdered(Runnable r) {
        order.lock();
        try {
            r.run();
        } finally {
            order.unlock();
        }
    }

    /** The log index of the entry being applied by {@link #applyCommit}, or 0 outside of it. */
    long applyingIndex() {
        return applying;
    }

    @Override
    protected void applyCommit(long index, boolean serializeResponse) throws Exception {
        applying = index;
        try {
            super.applyCommit(index, serializeResponse);
        } finally {
            applying = 0;
        }
    }

    @Override
    protected void processQueue() {
        super.processQueue();
        CommitTable table = commit_table;
        if (table != null && System.nanoTime() - lastResendSweepNanos >= resend_interval * 1_000_000L) {
            table.forEach(this::sendAppendEntriesMessage);
        }
    }

    @Override
    protected void sendAppendEntriesMessage(Address member, CommitTable.Entry e) {
        lastResendSweepNanos = System.nanoTime();
        super.sendAppendEntriesMessage(member, e);
    }

    private AppendEntriesRequest check(Message msg, AppendEntriesRequest req) {
        long term = req.currTerm();
        if (term != matchTerm) {
            matchTerm = term;
            matchIndex = 0;
        }
        long commit = commitIndex();
        long prev = AppendEntriesFields.prevIndex(req);
        long prevTerm = AppendEntriesFields.prevTerm(req);
        LogEntries entries = msg instanceof ObjectMessage om && om.getObject() instanceof LogEntries e ? e : null;
        int n = entries == null ? 0 : entries.size();
        boolean commitMessage = prev == 0 && n == 0; // carries no index/term pair to check
        LogEntry mine = prev > 0 ? log().get(prev) : null;
        if (prev > 0 && prevTerm == 0 && prev <= commit && mine != null) {
            // the leader no longer has entry prev (its log starts after it, past a snapshot) and sends term 0.
            // Ours is committed, hence the leader's too: give RAFT its real term instead of a false conflict.
            prevTerm = mine.term();
        }
        if (!commitMessage) {
            if (mine != null && prev <= commit && mine.term() != prevTerm) {
                reportDivergence("committed entry " + prev + " has term " + mine.term() + ", the leader's has term "
                        + prevTerm + " (commit index " + commit + ")");
            } else if (prev == 0 || prev <= commit || (mine != null && mine.term() == prevTerm)) {
                matchIndex = Math.max(matchIndex, prev);
                if (n > 0 && prev + 1 > commit) {
                    matchIndex = Math.max(matchIndex, matchedAfterAppend(prev, entries));
                }
            }
        }
        long matched = Math.max(matchIndex, commit);
        ackTerm = term;
        ackCap = matched;
        long leaderCommit = AppendEntriesFields.leaderCommit(req);
        if (leaderCommit <= matched && prevTerm == AppendEntriesFields.prevTerm(req)) {
            return req;
        }
        return AppendEntriesFields.with(req, prevTerm, Math.min(leaderCommit, matched));
    }

    /**
     * prev matched; RAFT will append the entries after deleting a conflicting suffix, unless its entry at prev + 1
     * already has the first entry's term, in which case it appends nothing and keeps what it has.
     */
    private long matchedAfterAppend(long prev, LogEntries entries) {
        Iterator<LogEntry> it = entries.iterator();
        LogEntry first = it.next();
        LogEntry existing = log().get(prev + 1);
        if (existing == null || existing.term() != first.term()) {
            return prev + entries.size();
        }
        long matched = prev + 1;
        while (it.hasNext()) {
            LogEntry theirs = it.next();
            LogEntry ours = log().get(matched + 1);
            if (ours == null || ours.term() != theirs.term()) {
                break;
            }
            matched++;
        }
        return matched;
    }

    private void reportDivergence(String detail) {
        if (divergenceReported) {
            return;
        }
        divergenceReported = true;
        String reason = raftId() + "'s log diverged from the leader's: " + detail;
        Path events = Path.of(log_dir, raftId() + ".divergence-" + System.currentTimeMillis() + ".txt");
        String where;
        try {
            Files.writeString(events, reason + "\n" + history() + "\n", StandardCharsets.UTF_8);
            where = "; recent commit and role events in " + events;
        } catch (IOException | RuntimeException e) {
            where = "; could not write the recent commit and role events to " + events + ": " + e;
        }
        log.error(reason + where);
        divergenceListener.accept(reason);
    }
}
