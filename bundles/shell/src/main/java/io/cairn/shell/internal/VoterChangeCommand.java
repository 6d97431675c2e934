package io.cairn.shell.internal;

import io.cairn.api.state.StateMembership;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** Base of cluster:voter-add and cluster:voter-remove: one membership change, then the voters as they are now. */
abstract class VoterChangeCommand implements Action {
    @Reference(optional = true)
    private StateMembership membership;

    @Argument(index = 0, name = "member", description = "Raft member name (see cluster:voters)", required = true)
    private String member;

    abstract StateMembership.Members change(StateMembership membership, String member);

    @Override
    public Object execute() {
        Format.printMembers(System.out, change(Format.require(membership, "state membership"), member));
        return null;
    }
}
