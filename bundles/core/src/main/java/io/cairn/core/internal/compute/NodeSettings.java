package io.cairn.core.internal.compute;

import java.time.Duration;

/** Validated form of {@link NodeConfig} ({@code etc/io.cairn.node.cfg}); the messages name the setting to fix. */
public record NodeSettings(String imageDir, String hypervisor, Duration stopTimeout, Duration resyncInterval,
                           long memoryReserveMiB, int memoryCommitPercent) {
    private static final String FILE = "etc/" + NodeConfig.PID + ".cfg";

    public NodeSettings {
        if (imageDir == null || imageDir.isBlank()) {
            throw new IllegalArgumentException("image.dir is not set in " + FILE);
        }
        if (hypervisor == null || hypervisor.isBlank()) {
            throw new IllegalArgumentException("hypervisor must name a compute driver (kvm, bhyve) in " + FILE);
        }
        hypervisor = hypervisor.trim();
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop.timeout.seconds must be zero or positive in " + FILE
                    + ", was " + stopTimeout.toSeconds());
        }
        if (resyncInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("resync.interval.seconds must be at least 1 in " + FILE
                    + ", was " + resyncInterval.toSeconds());
        }
        if (memoryReserveMiB < 0) {
            throw new IllegalArgumentException("memory.reserve.mib must be zero or positive in " + FILE
                    + ", was " + memoryReserveMiB);
        }
        if (memoryCommitPercent < 1 || memoryCommitPercent > 10_000) {
            throw new IllegalArgumentException("memory.commit.percent must be between 1 and 10000 in " + FILE
                    + ", was " + memoryCommitPercent);
        }
    }

    public static NodeSettings from(NodeConfig config) {
        return new NodeSettings(config.image_dir(), config.hypervisor(), Duration.ofSeconds(config.stop_timeout_seconds()),
                Duration.ofSeconds(config.resync_interval_seconds()), config.memory_reserve_mib(),
                config.memory_commit_percent());
    }

    MemoryBudget memoryBudget() {
        return new MemoryBudget(memoryReserveMiB, memoryCommitPercent);
    }
}
