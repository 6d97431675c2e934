package io.cairn.core.internal.storage;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a new pool out: one free disk from every node, an owner, an export port. Pure logic over
 * what the store holds; refuses with a message that names the cause.
 */
final class PoolPlacement {
    private PoolPlacement() {
    }

    record Layout(List<PoolMember> members, String owner, int port) {
    }

    static Layout place(PoolSpec spec, List<NodeInfo> nodes, Map<String, DisksRecord> disks,
                        Collection<Pool> pools, Map<String, PoolOwnership> owners, int portBase) {
        if (spec.redundancy() >= nodes.size()) {
            throw new UnsatisfiableException("redundancy " + spec.redundancy() + " (raidz" + spec.redundancy()
                    + ") needs at least " + (spec.redundancy() + 1) + " nodes, one disk each; the cluster has "
                    + nodes.size());
        }
        Set<String> used = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (Pool p : pools) {
            p.members().forEach(m -> used.add(m.node() + ":" + m.disk()));
            ports.add(p.exportPort());
        }
        List<PoolMember> members = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (node.state() != NodeState.UP) {
                throw new UnsatisfiableException("node " + node.name() + " is " + node.state()
                        + "; every node gives the pool a disk, so all must be up");
            }
            DisksRecord offered = disks.get(node.name());
            if (offered == null || offered.disks().isEmpty()) {
                throw new UnsatisfiableException("node " + node.name() + " offers no disks (disks in its "
                        + "etc/io.cairn.storage.cfg)");
            }
            String free = offered.disks().stream().filter(d -> !used.contains(node.name() + ":" + d)).findFirst()
                    .orElseThrow(() -> new UnsatisfiableException("node " + node.name() + " has no free disk: all "
                            + offered.disks().size() + " of its disks are in pools"));
            members.add(new PoolMember(node.name(), free));
        }
        String owner = spec.owner() != null ? requireMember(spec.owner(), members) : leastLoaded(members, owners);
        int port = portBase;
        while (ports.contains(port)) {
            port++;
        }
        return new Layout(members, owner, port);
    }

    private static String requireMember(String owner, List<PoolMember> members) {
        if (members.stream().noneMatch(m -> m.node().equals(owner))) {
            throw new UnsatisfiableException("owner " + owner + " is not a node of this cluster");
        }
        return owner;
    }

    /** The member node that owns fewest pools (its "home" pool first), ties by name. */
    static String leastLoaded(List<PoolMember> members, Map<String, PoolOwnership> owners) {
        Map<String, Integer> load = new HashMap<>();
        owners.values().forEach(o -> load.merge(o.node(), 1, Integer::sum));
        return members.stream().map(PoolMember::node)
                .min((a, b) -> load.getOrDefault(a, 0).equals(load.getOrDefault(b, 0)) ? a.compareTo(b)
                        : Integer.compare(load.getOrDefault(a, 0), load.getOrDefault(b, 0)))
                .orElseThrow();
    }
}
