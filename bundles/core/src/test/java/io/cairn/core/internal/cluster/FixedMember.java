package io.cairn.core.internal.cluster;

import java.time.Duration;
import java.util.List;

/** A {@link ClusterMember} without Hazelcast: only its settings, for core's unit tests. */
public final class FixedMember extends ClusterMember {
    /** Lease 4 s, margin 1 s (watchdog 3 s), restart grace 30 s. */
    public static final ClusterSettings.Fencing FENCING = new ClusterSettings.Fencing(Duration.ofSeconds(4),
            Duration.ofSeconds(1), Duration.ofSeconds(30), "", false);

    private final ClusterSettings settings;

    public FixedMember(String nodeName) {
        this.settings = settings(nodeName);
    }

    public static ClusterSettings settings(String nodeName) {
        return new ClusterSettings(nodeName, "127.0.0.1", List.of("127.0.0.1"), 5701, "test",
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5), FENCING);
    }

    @Override
    public ClusterSettings settings() {
        return settings;
    }
}
