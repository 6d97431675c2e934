package io.cairn.state.raft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LeaderMemoryTest {
    private final LeaderMemory memory = new LeaderMemory("n3");

    @Test
    void aPreVoteThatClearsTheLeaderKeepsTheLeaderOfTheSameTerm() {
        assertEquals("n2", memory.leader("n2", 1));
        assertEquals("n2", memory.leader(null, 1), "pre-vote: same term, Ratis forgot the leader");
    }

    @Test
    void aNewTermForgetsTheOldLeader() {
        memory.leader("n2", 1);
        assertNull(memory.leader(null, 2), "an election started: nobody is known to lead term 2");
        assertEquals("n1", memory.leader("n1", 2));
        assertEquals("n1", memory.leader(null, 2));
    }

    @Test
    void thisMemberIsNeverRememberedAsLeaderOnceRatisStopsCallingItOne() {
        memory.leader("n3", 4);
        assertNull(memory.leader(null, 4), "stepped down in term 4: not leader any more");
    }

    @Test
    void nothingHeardGivesNothing() {
        assertNull(memory.leader(null, 0));
    }
}
