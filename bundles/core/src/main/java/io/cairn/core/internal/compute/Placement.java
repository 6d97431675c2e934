package io.cairn.core.internal.compute;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses a node for a new VM: one that is up, has at least as many CPUs as the VM has vCPUs,
 * and whose memory for VMs ({@link MemoryBudget}) less the memory of the VMs it already owns fits the VM.
 * Among those, the one with the most memory left, so VMs spread.
 */
final class Placement {
    private Placement() {
    }

    static String choose(VmSpec spec, List<NodeInfo> nodes, Map<String, Long> committedMiB, long reserveMiB) {
        return choose(spec, nodes, committedMiB, MemoryBudget.reserving(reserveMiB));
    }

    static String choose(VmSpec spec, List<NodeInfo> nodes, Map<String, Long> committedMiB, MemoryBudget budget) {
        if (spec.node() != null && nodes.stream().noneMatch(n -> n.name().equals(spec.node()))) {
            throw new UnsatisfiableException("node '" + spec.node() + "' does not exist");
        }
        List<String> reasons = new ArrayList<>();
        NodeInfo best = null;
        long bestLeft = Long.MIN_VALUE;
        for (NodeInfo node : nodes) {
            if (spec.node() != null && !spec.node().equals(node.name())) {
                continue;
            }
            long left = budget.forVms(node.memoryMiB()) - committedMiB.getOrDefault(node.name(), 0L) - spec.memoryMiB();
            if (node.state() != NodeState.UP) {
                reasons.add(node.name() + " is " + node.state().name().toLowerCase());
            } else if (spec.vcpus() > node.cpus()) {
                reasons.add(node.name() + " has " + node.cpus() + " CPUs");
            } else if (left < 0) {
                reasons.add(node.name() + " has " + (left + spec.memoryMiB()) + " MiB free for VMs");
            } else if (left > bestLeft || (left == bestLeft && best != null && node.name().compareTo(best.name()) < 0)) {
                best = node;
                bestLeft = left;
            }
        }
        if (best == null) {
            reasons.sort(Comparator.naturalOrder());
            throw new UnsatisfiableException("no node can host VM '" + spec.name() + "' (" + spec.vcpus() + " vCPUs, "
                    + spec.memoryMiB() + " MiB): " + (reasons.isEmpty() ? "no nodes" : String.join("; ", reasons)));
        }
        return best.name();
    }
}
