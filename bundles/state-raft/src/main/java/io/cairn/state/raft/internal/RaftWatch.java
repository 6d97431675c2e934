package io.cairn.state.raft.internal;

import org.jgroups.EmptyMessage;
import org.jgroups.Message;
import org.jgroups.protocols.raft.AppendEntriesResponse;
import org.jgroups.protocols.raft.AppendResult;
import org.jgroups.protocols.raft.AppendEntriesRequest;
import org.jgroups.protocols.raft.InstallSnapshotRequest;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.election.BaseElection;
import org.jgroups.protocols.raft.election.PreVoteRequest;
import org.jgroups.protocols.raft.election.VoteRequest;
import org.jgroups.raft.util.Utils;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A small protocol placed directly below the election protocol. It
 * <ul>
 *   <li>records when this member last heard from a leader (AppendEntries / InstallSnapshot), for staleness, and</li>
 *   <li>while {@link #guarded}, drops vote requests, so a voter that lost its log (moved aside after corruption)
 *   cannot help elect a leader that misses entries it had acknowledged. It still appends and acknowledges entries
 *   it really has on disk; the guard is lifted by the store once this member has caught up with a commit made
 *   after it rejoined.</li>
 * </ul>
 */
public class RaftWatch extends Protocol {
    private volatile boolean guarded;
    private volatile long lastLeaderContactNanos;
    private volatile boolean heardLeader;
    private short raftId = -1;
    private RAFT raft;
    private MatchCheckedRaft checked;
    private volatile long lastTermNoticeNanos;
    private short electionId = -1;
    private volatile long droppedVotes;

    public RaftWatch guarded(boolean b) {
        guarded = b;
        return this;
    }

    public boolean guarded() {
        return guarded;
    }

    public long droppedVotes() {
        return droppedVotes;
    }

    /** Milliseconds since the last message from a leader, or -1 if none was ever received. */
    public long millisSinceLeaderContact() {
        return heardLeader ? (System.nanoTime() - lastLeaderContactNanos) / 1_000_000 : -1;
    }

    @Override
    public void start() throws Exception {
        super.start();
        RAFT raft = RAFT.findProtocol(RAFT.class, this, false);
        BaseElection election = RAFT.findProtocol(BaseElection.class, this, false);
        if (raft == null || election == null) {
            throw new IllegalStateException("RaftWatch must sit below the election protocol and RAFT");
        }
        this.raft = raft;
        if (!(raft instanceof MatchCheckedRaft m)) {
            throw new IllegalStateException("RaftWatch needs " + MatchCheckedRaft.class.getName() + ", not " + raft);
        }
        this.checked = m;
        raftId = raft.getId();
        electionId = election.getId();
    }

    /** @return true if the message must be dropped */
    private boolean inspect(Message msg) {
        if (raftId >= 0) {
            Object h = msg.getHeader(raftId);
            if (h instanceof AppendEntriesRequest || h instanceof InstallSnapshotRequest) {
                long mine = raft.currentTerm();
                long theirs = ((org.jgroups.protocols.raft.RaftHeader) h).currTerm();
                if (theirs < mine) {
                    noticeHigherTerm(msg, mine);
                } else {
                    lastLeaderContactNanos = System.nanoTime();
                    heardLeader = true;
                }
            }
        }
        Object vote = electionId >= 0 ? msg.getHeader(electionId) : null;
        if (vote instanceof PreVoteRequest && !raft.members().contains(Utils.extractRaftId(msg.src()))) {
            droppedVotes++;
            return true; // a non-voter's pre-vote must not lead it into voting rounds
        }
        if (vote instanceof VoteRequest) {
            String from = Utils.extractRaftId(msg.src());
            if (guarded || from == null || !raft.members().contains(from)) {
                droppedVotes++;
                return true;
            }
        }
        return false;
    }

    private boolean isVoteRequest(Message msg) {
        return electionId >= 0 && msg.getHeader(electionId) instanceof VoteRequest;
    }

    /**
     * jgroups-raft 1.1.4 drops messages of a lower term without answering, so a member whose term got ahead (e.g. it
     * ran election rounds while the cluster was shutting down) ignores an elected leader forever. Raft's rule is to
     * answer with the higher term so the leader steps down; then {@code RaftStore} has the coordinator run a new
     * election, whose term passes this member's.
     */
    private void noticeHigherTerm(Message msg, long mine) {
        long now = System.nanoTime();
        if (now - lastTermNoticeNanos < 500_000_000L) {
            return;
        }
        lastTermNoticeNanos = now;
        Message rsp = new EmptyMessage(msg.src()).putHeader(raftId,
                new AppendEntriesResponse(mine, new AppendResult(AppendResult.Result.FAIL_ENTRY_NOT_FOUND,
                        raft.lastAppended())));
        down_prot.down(rsp);
    }

    @Override
    public Object down(Message msg) {
        if (raftId >= 0 && msg.getHeader(raftId) instanceof AppendEntriesResponse rsp) {
            AppendResult r = AppendEntriesFields.result(rsp);
            AppendResult.Result type = r == null ? null : AppendEntriesFields.type(r);
            long cap = checked.ackCap(rsp.currTerm());
            if ((type == AppendResult.Result.OK || type == AppendResult.Result.FAIL_ENTRY_NOT_FOUND)
                    && r.index() > cap) {
                msg.putHeader(raftId, new AppendEntriesResponse(rsp.currTerm(),
                        new AppendResult(type, cap).commitIndex(r.commitIndex())));
            }
        }
        return down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        if (inspect(msg)) {
            return null;
        }
        if (isVoteRequest(msg)) {
            checked.runOrdered(() -> up_prot.up(msg));
            return null;
        }
        return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        List<Message> votes = null;
        for (Iterator<Message> it = batch.iterator(); it.hasNext(); ) {
            Message msg = it.next();
            if (inspect(msg)) {
                it.remove();
            } else if (isVoteRequest(msg)) {
                it.remove(); // handled one by one below, ordered with RAFT
                if (votes == null) {
                    votes = new ArrayList<>(1);
                }
                votes.add(msg);
            }
        }
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
        if (votes != null) {
            for (Message vote : votes) {
                checked.runOrdered(() -> up_prot.up(vote));
            }
        }
    }
}
