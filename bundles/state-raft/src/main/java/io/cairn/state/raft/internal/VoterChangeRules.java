package io.cairn.state.raft.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.state.StateMembership.Members;

import java.util.ArrayList;
import java.util.List;

/** When a voter may be added or removed, judged on one view of the members; refusals change nothing. */
public final class VoterChangeRules {
    private VoterChangeRules() {
    }

    /**
     * @param configured every configured Raft member name
     * @param self       the member judging (for messages)
     * @throws NotFoundException for a name that is not configured
     * @throws ConflictException when the change is refused
     */
    public static void check(Members now, String member, boolean add, List<String> configured, String self) {
        if (!configured.contains(member)) {
            throw new NotFoundException("no Raft member named '" + member + "'; configured members: " + configured);
        }
        if (add && now.voters().contains(member)) {
            throw new ConflictException(member + " is already a voter; voters: " + now.voters());
        }
        if (!add && !now.voters().contains(member)) {
            throw new ConflictException(member + " is not a voter; voters: " + now.voters());
        }
        if (!add && now.voters().size() == 1) {
            throw new ConflictException(member + " is the last voter and cannot be removed");
        }
        if (add && !now.reachable().contains(member)) {
            throw new ConflictException(member + " is not reachable from " + self
                    + " (reachable: " + now.reachable() + "); start it first, as a learner it then catches up");
        }
        List<String> next = new ArrayList<>(now.voters());
        if (add) {
            next.add(member);
        } else {
            next.remove(member);
        }
        List<String> reachableNext = next.stream().filter(now.reachable()::contains).toList();
        int majorityNext = next.size() / 2 + 1;
        if (reachableNext.size() < majorityNext) {
            throw new ConflictException((add ? "adding " : "removing ") + member + " would lose the majority: "
                    + reachableNext.size() + " of the " + next.size() + " voters " + next + " are reachable "
                    + reachableNext + ", a majority needs " + majorityNext + "; nothing changed");
        }
        // A voter that misses a change and then a second one could elect with a majority that no longer overlaps
        // the real one: only the member being removed may be away (a removed member's votes are ignored anyway).
        List<String> away = now.voters().stream().filter(v -> !v.equals(member) && !now.reachable().contains(v))
                .toList();
        if (!away.isEmpty()) {
            throw new ConflictException("voter" + (away.size() > 1 ? "s " : " ") + away + " not reachable from "
                    + self + ": change the voters only while every other voter is up (remove "
                    + "an unreachable voter first if it is gone for good); nothing changed");
        }
    }
}
