package io.cairn.shell.internal;

import io.cairn.api.state.StateMembership;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cluster", name = "voter-add", description = "Makes a learner a voter of the authoritative store; "
        + "refused if the new voter set would not have a reachable majority")
public class ClusterVoterAddCommand extends VoterChangeCommand {
    @Override
    StateMembership.Members change(StateMembership membership, String member) {
        return membership.addVoter(member);
    }
}
