package io.cairn.api.node;

import io.cairn.api.common.DnsLabel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node of the cluster: identity, where it can be reached and what it has.
 *
 * @param id             stable identifier, generated once per node data directory
 * @param name           operator-facing name, unique in the cluster
 * @param addresses      addresses the node serves on (cluster, REST, SSH)
 * @param cpus           logical CPUs of the host
 * @param memoryMiB      total memory of the host in MiB
 * @param freeMemoryMiB  memory available to new workloads in MiB, as last reported
 * @param state          liveness as seen by the reporting node
 * @param lastHeartbeat  wall-clock time of the last heartbeat received (informational)
 */
public record NodeInfo(String id, String name, List<String> addresses, int cpus, long memoryMiB,
                       long freeMemoryMiB, NodeState state, Instant lastHeartbeat) {
    public NodeInfo {
        requireText(id, "id");
        DnsLabel.require(name, "node name");
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses must not be null"));
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, was " + cpus);
        }
        if (memoryMiB < 1) {
            throw new IllegalArgumentException("memoryMiB must be at least 1, was " + memoryMiB);
        }
        if (freeMemoryMiB < 0 || freeMemoryMiB > memoryMiB) {
            throw new IllegalArgumentException("freeMemoryMiB must be between 0 and memoryMiB ("
                    + memoryMiB + "), was " + freeMemoryMiB);
        }
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat must not be null");
    }

    /** The same node with another liveness state. */
    public NodeInfo withState(NodeState newState) {
        return new NodeInfo(id, name, addresses, cpus, memoryMiB, freeMemoryMiB, newState, lastHeartbeat);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }
}
