package io.cairn.shell.internal;

import io.cairn.api.state.StateMembership;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cluster", name = "voter-remove", description = "Makes a voter of the authoritative store a "
        + "learner (e.g. a node retired for good); refused if the remaining voters would not have a reachable majority")
public class ClusterVoterRemoveCommand extends VoterChangeCommand {
    @Override
    StateMembership.Members change(StateMembership membership, String member) {
        return membership.removeVoter(member);
    }
}
