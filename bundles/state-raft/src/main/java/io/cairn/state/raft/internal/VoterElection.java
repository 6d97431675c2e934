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
 */
public class VoterElection extends ELECTION2 {

    public VoterElection() {
        id = ClassConfigurator.getProtocolId(ELECTION2.class); // same header id as ELECTION2 on the wire
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
}
