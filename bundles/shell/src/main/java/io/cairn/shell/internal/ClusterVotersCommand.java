package io.cairn.shell.internal;

import io.cairn.api.state.StateMembership;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cluster", name = "voters", description = "Lists the voters and learners of the authoritative "
        + "(Raft) store as this node sees them")
public class ClusterVotersCommand implements Action {
    @Reference(optional = true)
    private StateMembership membership;

    @Override
    public Object execute() {
        Format.printMembers(System.out, Format.require(membership, "state membership").members());
        return null;
    }
}
