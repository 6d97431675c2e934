package io.cairn.core.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.node.NodeEvent;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.core.internal.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node registry without Hazelcast, on a clock the test moves: nodes appear with their first
 * heartbeat, turn suspect after 2 s and down after 5 s without one (on this node's clock), are
 * down at once when they leave the cluster, and this node is always up.
 */
class NodeRegistryTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(500 * SECOND);
    private final List<NodeEvent> events = new CopyOnWriteArrayList<>();
    private NodeRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new NodeRegistry(FixedMember.settings("n1"), "id-n1", now::get);
        registry.addListener(events::add);
    }

    @Test
    void aNodeAppearsWithItsFirstHeartbeatAndIsListedByName() {
        registry.heard(record("n3", 4096));
        registry.heard(record("n2", 8192));
        registry.heard(record("n2", 8000));
        assertEquals(List.of("n2", "n3"), registry.nodes().stream().map(NodeInfo::name).toList());
        assertEquals(List.of(NodeEvent.Type.ADDED, NodeEvent.Type.ADDED), events.stream().map(NodeEvent::type).toList());
        assertEquals(NodeState.UP, events.get(0).node().state());
        assertEquals(8000, registry.node("n2").orElseThrow().freeMemoryMiB(), "the latest record counts");
        assertTrue(registry.node("n9").isEmpty());
    }

    @Test
    void silenceMakesANodeSuspectThenDownAndAHeartbeatBringsItBack() {
        registry.heard(record("n2", 8192));
        events.clear();
        now.addAndGet(SECOND + SECOND / 2);
        registry.evaluate();
        assertEquals(NodeState.UP, registry.node("n2").orElseThrow().state());
        now.addAndGet(SECOND);
        registry.evaluate();
        registry.evaluate();
        assertEquals(NodeState.SUSPECT, registry.node("n2").orElseThrow().state());
        now.addAndGet(3 * SECOND);
        registry.evaluate();
        assertEquals(NodeState.DOWN, registry.node("n2").orElseThrow().state());
        registry.heard(record("n2", 8192));
        registry.evaluate();
        assertEquals(NodeState.UP, registry.node("n2").orElseThrow().state());
        assertEquals(List.of(NodeState.SUSPECT, NodeState.DOWN, NodeState.UP),
                events.stream().map(e -> e.node().state()).toList(), "one event per change: " + events);
        assertTrue(events.stream().allMatch(e -> e.type() == NodeEvent.Type.STATE_CHANGED));
    }

    @Test
    void aNodeThatLeftTheClusterIsDownAtOnceUntilItRejoins() {
        registry.heard(record("n2", 8192));
        registry.left("n2");
        assertEquals(NodeState.DOWN, registry.node("n2").orElseThrow().state(), "down despite a fresh heartbeat");
        assertEquals(NodeState.DOWN, events.get(events.size() - 1).node().state());
        registry.heard(record("n2", 8192));
        assertEquals(NodeState.DOWN, registry.node("n2").orElseThrow().state(), "heartbeats of a departed member");
        registry.joined("n2");
        registry.heard(record("n2", 8192));
        registry.evaluate();
        assertEquals(NodeState.UP, registry.node("n2").orElseThrow().state());
    }

    @Test
    void thisNodeIsAlwaysUp() {
        assertEquals("n1", registry.localNode().name(), "described from the host before its first heartbeat");
        assertEquals("id-n1", registry.localNode().id());
        registry.heard(record("n1", 8192));
        now.addAndGet(60 * SECOND);
        registry.evaluate();
        assertEquals(NodeState.UP, registry.node("n1").orElseThrow().state());
        assertEquals(NodeState.UP, registry.localNode().state());
        assertEquals(8192, registry.localNode().memoryMiB());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<NodeEvent> second = new CopyOnWriteArrayList<>();
        NodeRegistry r = new NodeRegistry(FixedMember.settings("n1"), "id-n1", now::get);
        r.addListener(e -> {
            throw new IllegalStateException("broken listener");
        });
        r.addListener(second::add);
        r.heard(record("n2", 8192));
        assertEquals(1, second.size());
    }

    @Test
    void anEntryThatIsNotANodeRecordIsSkipped() {
        // anyone on the cluster network can write the node map: a bad entry must not break the registry
        registry.heard("{\"name\":\"n2\"}");
        registry.heard("not json");
        registry.heard(record("n3", 4096));
        assertEquals(List.of("n3"), registry.nodes().stream().map(NodeInfo::name).toList());
    }

    private static String record(String name, long free) {
        return Json.write(new NodeInfo("id-" + name, name, List.of("10.0.0.1"), 4, 8192, free, NodeState.UP,
                Instant.parse("2026-01-01T00:00:00Z")));
    }
}
