package io.cairn.core.internal.cluster;

import io.cairn.api.node.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LivenessTest {
    private static final ClusterSettings.Fencing FENCING = new ClusterSettings.Fencing(Duration.ofSeconds(10),
            Duration.ofSeconds(3), Duration.ofSeconds(120), "", true);
    private final Liveness liveness = new Liveness(Duration.ofSeconds(3), Duration.ofSeconds(6));

    @Test
    void statesFollowTheTimeSinceTheLastHeartbeat() {
        assertEquals(NodeState.UP, liveness.state(Duration.ofMillis(2999).toNanos(), true));
        assertEquals(NodeState.SUSPECT, liveness.state(Duration.ofSeconds(3).toNanos(), true));
        assertEquals(NodeState.DOWN, liveness.state(Duration.ofSeconds(6).toNanos(), true));
        assertEquals(NodeState.DOWN, liveness.state(0, false));
    }

    @Test
    void settingsNameTheSettingToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(
                "Node_1", "127.0.0.1", List.of("127.0.0.1"), 5701, "c", Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofSeconds(6), FENCING));
        assertEquals(true, e.getMessage().startsWith("node.name in etc/io.cairn.cluster.cfg must be a DNS label"));
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings("n1", "127.0.0.1",
                List.of("127.0.0.1"), 5701, "c", Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3), FENCING));
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings("n1", "127.0.0.1; rm",
                List.of("127.0.0.1"), 5701, "c", Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6), FENCING));
        assertEquals(2, new ClusterSettings("n1", "127.0.0.1", List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), 5701,
                "c", Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6), FENCING).majority());
    }
}
