package io.cairn.core.internal.compute;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlacementTest {
    private static NodeInfo node(String name, int cpus, long memory, NodeState state) {
        return new NodeInfo("id-" + name, name, List.of("127.0.0.1"), cpus, memory, memory, state, Instant.now());
    }

    private static VmSpec vm(int vcpus, long memory, String pin) {
        return new VmSpec("vm", null, vcpus, memory, null, new BootSpec("k", null, null), null, false, pin);
    }

    private final List<NodeInfo> nodes = List.of(node("n1", 4, 8192, NodeState.UP), node("n2", 8, 8192, NodeState.UP),
            node("n3", 16, 65536, NodeState.DOWN));

    @Test
    void picksTheUpNodeWithMostMemoryLeft() {
        assertEquals("n2", Placement.choose(vm(2, 1024, null), nodes, Map.of("n1", 2048L), 512));
        assertEquals("n1", Placement.choose(vm(2, 1024, null), nodes, Map.of("n2", 4096L), 512));
    }

    @Test
    void respectsCpusAndPinning() {
        assertEquals("n2", Placement.choose(vm(6, 1024, null), nodes, Map.of(), 512));
        assertEquals("n1", Placement.choose(vm(1, 64, "n1"), nodes, Map.of("n1", 4096L), 512));
    }

    @Test
    void explainsWhyNothingFits() {
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class,
                () -> Placement.choose(vm(2, 60000, null), nodes, Map.of(), 512));
        assertTrue(e.getMessage().contains("n3 is down"), e.getMessage());
        assertTrue(e.getMessage().contains("n1 has 7680 MiB free for VMs"), e.getMessage());
        UnsatisfiableException pinned = assertThrows(UnsatisfiableException.class,
                () -> Placement.choose(vm(1, 64, "n9"), nodes, Map.of(), 512));
        assertEquals("node 'n9' does not exist", pinned.getMessage());
        assertThrows(UnsatisfiableException.class, () -> Placement.choose(vm(1, 64, "n3"), nodes, Map.of(), 512));
    }

    @Test
    void aCommitPercentAboveOneHundredOvercommitsTheNodesMemory() {
        List<NodeInfo> one = List.of(nodes.get(0));
        long forVms = one.get(0).memoryMiB() - 512;
        VmSpec big = vm(1, forVms, null);
        assertEquals("n1", Placement.choose(big, one, Map.of(), MemoryBudget.reserving(512)));
        assertThrows(UnsatisfiableException.class,
                () -> Placement.choose(big, one, Map.of("n1", 64L), MemoryBudget.reserving(512)));
        assertEquals("n1", Placement.choose(big, one, Map.of("n1", forVms), new MemoryBudget(512, 200)));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(512, 0));
    }
}
