package io.cairn.core.internal.compute;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommittedMemoryTest {
    @Test
    void sumsTheMemoryOfTheVmsEachNodeOwnsAndFollowsMovesAndRemovals() {
        CommittedMemory m = new CommittedMemory();
        m.vm("a", 512L, 1);
        m.owner("a", "n1", 1);
        m.vm("b", 256L, 2);
        m.owner("b", "n1", 2);
        m.vm("c", 1024L, 3); // no owner record yet: counted nowhere
        assertEquals(Map.of("n1", 768L), m.byNode());
        m.owner("c", "n2", 4);
        m.owner("a", "n2", 5); // moved
        assertEquals(Map.of("n1", 256L, "n2", 1536L), m.byNode());
        m.vm("a", 2048L, 6); // resized
        assertEquals(Map.of("n1", 256L, "n2", 3072L), m.byNode());
        m.vm("b", null, 7);
        m.owner("b", null, 7);
        assertEquals(Map.of("n2", 3072L), m.byNode(), "a node left with nothing drops out");
    }

    @Test
    void changesTheScanAlreadyHoldsAreSkippedAndLaterOnesApply() {
        CommittedMemory m = new CommittedMemory();
        m.floor(10);
        m.vm("early", 100L, 9); // delivered late, before the scan's floor: the scan has it
        m.scannedVm("a", 512L, 12);
        m.scannedOwner("a", "n1", 12);
        m.vm("a", 256L, 11); // older than the scan's own record of a
        assertEquals(Map.of("n1", 512L), m.byNode());
        m.owner("a", "n3", 13);
        assertEquals(Map.of("n3", 512L), m.byNode());
        // the scan missed b (removed at 15, before it read); the change that made it and its removal follow
        m.vm("b", 64L, 14);
        m.owner("b", "n1", 14);
        m.vm("b", null, 15);
        m.owner("b", null, 15);
        assertEquals(Map.of("n3", 512L), m.byNode(), "the deliveries catch up to the replica");
    }

    @Test
    void theCallerGetsACopy() {
        CommittedMemory m = new CommittedMemory();
        m.vm("a", 512L, 1);
        m.owner("a", "n1", 1);
        m.byNode().merge("n1", 1000L, Long::sum);
        assertEquals(Map.of("n1", 512L), m.byNode());
    }
}
