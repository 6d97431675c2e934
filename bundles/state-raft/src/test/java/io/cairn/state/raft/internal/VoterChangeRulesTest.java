package io.cairn.state.raft.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.state.StateMembership.Members;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoterChangeRulesTest {
    private static final List<String> ALL = List.of("n1", "n2", "n3", "n4", "n5");

    private static Members members(List<String> voters, List<String> reachable) {
        return new Members(voters, ALL.stream().filter(m -> !voters.contains(m)).toList(), reachable, null);
    }

    private static String refusal(Members m, String member, boolean add) {
        return assertThrows(ConflictException.class, () -> VoterChangeRules.check(m, member, add, ALL, "n1"))
                .getMessage();
    }

    @Test
    void allowsAddingAReachableLearnerAndRemovingAnUnreachableVoter() {
        assertDoesNotThrow(() -> VoterChangeRules.check(members(List.of("n1", "n2", "n3"),
                List.of("n1", "n2", "n3", "n4")), "n4", true, ALL, "n1"));
        assertDoesNotThrow(() -> VoterChangeRules.check(members(List.of("n1", "n2", "n3"),
                List.of("n1", "n2")), "n3", false, ALL, "n1"));
    }

    @Test
    void refusesWithAReasonTheUserCanActOn() {
        Members all = members(List.of("n1", "n2", "n3"), List.of("n1", "n2", "n3", "n4"));
        assertThrows(NotFoundException.class, () -> VoterChangeRules.check(all, "n9", true, ALL, "n1"));
        assertTrue(refusal(all, "n2", true).contains("already a voter"));
        assertTrue(refusal(all, "n4", false).contains("not a voter"));
        assertTrue(refusal(members(List.of("n1"), List.of("n1")), "n1", false).contains("last voter"));
        assertTrue(refusal(all, "n5", true).contains("n5 is not reachable"));
        String lose = refusal(members(List.of("n2", "n3", "n4"), List.of("n1", "n3", "n4")), "n3", false);
        assertTrue(lose.contains("would lose the majority: 1 of the 2 voters [n2, n4]"), lose);
        String away = refusal(members(List.of("n1", "n2", "n3", "n4", "n5"), List.of("n1", "n2", "n3", "n4")),
                "n4", false);
        assertTrue(away.contains("voter [n5] not reachable from n1"), away);
    }
}
