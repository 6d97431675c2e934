package io.cairn.core.internal.testing;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeListener;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A node registry the test sets: nodes by name, each with CPUs, memory and a state. */
public final class FakeNodes implements NodeService {
    private final Map<String, NodeInfo> nodes = new TreeMap<>();
    private final String local;

    public FakeNodes(String local) {
        this.local = local;
    }

    public FakeNodes add(String name, int cpus, long memoryMiB, NodeState state) {
        nodes.put(name, new NodeInfo("id-" + name, name, List.of("127.0.0.1"), cpus, memoryMiB, memoryMiB, state,
                Instant.parse("2026-01-01T00:00:00Z")));
        return this;
    }

    public FakeNodes up(String... names) {
        for (String n : names) {
            add(n, 8, 8192, NodeState.UP);
        }
        return this;
    }

    @Override
    public synchronized List<NodeInfo> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized Optional<NodeInfo> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public NodeInfo localNode() {
        return nodes.get(local);
    }

    @Override
    public void addListener(NodeListener listener) {
    }

    @Override
    public void removeListener(NodeListener listener) {
    }
}
