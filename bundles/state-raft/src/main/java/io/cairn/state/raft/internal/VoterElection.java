package io.cairn.state.raft.internal;

import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.ELECTION2;
import org.jgroups.raft.util.Utils;

import java.util.List;

/**
 * ELECTION2 (pre-vote, then a vote run by one coordinator) where the coordinator is the first member of the JGroups
 * view that is a voter in this member's configuration, not simply the first member of the view. jgroups-raft lets a
 * learner coordinate; voters here ignore vote requests from non-voters (see {@link RaftWatch}), so a learner
 * coordinator would only raise its own term round after round and disturb the leader it then hears from.
 *
 * <p>A round that elects nobody is retried after a growing pause (up to {@link #MAX_BACKOFF_ROUNDS} vote timeouts)
 * instead of at once: every round takes a new term, and a member whose rounds cannot succeed (a voter removed
 * while it was away, which does not know yet) would otherwise race its term far ahead of the real leader's.
 */
public class VoterElection extends ELECTION2 {
    static final int MAX_BACKOFF_ROUNDS = 8;

    private int failedRounds;
    private long nextRoundNanos;

    public VoterElection() {
        id = ClassConfigurator.getProtocolId(ELECTION2.class); // same header id as ELECTION2 on the wire
    }

    /** True if this member runs elections now: the first voter (by its own voter list) in the view. */
    public boolean coordinates() {
        return isViewCoordinator();
    }

    @Override
    protected boolean isViewCoordinator() {
        View v = view;
        if (v == null || raft == null) {
            return false;
        }
        List<String> voters = raft.members();
        for (Address a : v.getMembersRaw()) {
            if (voters.contains(Utils.extractRaftId(a))) {
                return a.equals(local_addr);
            }
        }
        return false;
    }

    @Override
    protected void runVotingProcess() {
        long now = System.nanoTime();
        if (now < nextRoundNanos) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (nextRoundNanos - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // seen by the next round, which stops the voting thread
            }
            return;
        }
        super.runVotingProcess();
        if (isVotingThreadRunning() && raft.leader() == null) {
            failedRounds = Math.min(failedRounds + 1, MAX_BACKOFF_ROUNDS);
            nextRoundNanos = System.nanoTime() + failedRounds * vote_timeout * 1_000_000L;
        } else {
            failedRounds = 0;
            nextRoundNanos = 0;
        }
    }
}
