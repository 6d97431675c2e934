package io.cairn.api.state;

import java.util.List;

/**
 * Who votes in the authoritative store. Voters form the Raft majority; the other configured members are learners:
 * they hold a full replica and serve local reads but do not count. Changes are Raft entries themselves, so every
 * member agrees on them and they survive restarts; the configured voter list only seeds a new cluster.
 */
public interface StateMembership {

    /** The current voters and learners as this node sees them. */
    Members members();

    /**
     * Makes a learner a voter. Refused (ConflictException, nothing changed) when it is already a voter or the change
     * would leave fewer reachable voters than the new majority needs; NotFoundException when no configured member has
     * that name; UnavailableException when no majority is reachable now.
     */
    Members addVoter(String member);

    /** Makes a voter a learner, with the same refusals as {@link #addVoter}; the last voter cannot be removed. */
    Members removeVoter(String member);

    /**
     * @param voters    the voting members, in Raft's order
     * @param learners  configured members that do not vote
     * @param reachable members this node currently sees (itself included)
     * @param leader    the current leader, or null
     */
    record Members(List<String> voters, List<String> learners, List<String> reachable, String leader) {
        public Members {
            voters = List.copyOf(voters);
            learners = List.copyOf(learners);
            reachable = List.copyOf(reachable);
        }

        /** How many voters must agree for a write to commit. */
        public int majority() {
            return voters.size() / 2 + 1;
        }
    }
}
