package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;

import java.util.Objects;
import java.util.UUID;

/**
 * Which node may touch a VM's domain. Only the owner's reconciler acts on it; the epoch only
 * grows, and every change the owner makes carries it so a stale owner can be refused.
 */
public record Ownership(UUID vmId, String node, long epoch) {
    public Ownership {
        Objects.requireNonNull(vmId, "vmId must not be null");
        DnsLabel.require(node, "owner node");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be positive, was " + epoch);
        }
    }
}
