package io.cairn.api.compute;

import java.util.Objects;
import java.util.UUID;

/**
 * What the hypervisor counts of a running domain (since 1.2).
 *
 * @param vmId         VM UUID (= domain UUID)
 * @param vcpus        virtual CPUs the domain has now
 * @param memoryKiB    memory the domain has now, in KiB
 * @param cpuTimeNanos CPU time the domain consumed since it started, in nanoseconds
 */
public record DomainStats(UUID vmId, int vcpus, long memoryKiB, long cpuTimeNanos) {
    public DomainStats {
        Objects.requireNonNull(vmId, "vmId must not be null");
        if (vcpus < 0 || memoryKiB < 0 || cpuTimeNanos < 0) {
            throw new IllegalArgumentException("domain stats must not be negative: vcpus " + vcpus + ", memory "
                    + memoryKiB + " KiB, cpu time " + cpuTimeNanos + " ns");
        }
    }
}
