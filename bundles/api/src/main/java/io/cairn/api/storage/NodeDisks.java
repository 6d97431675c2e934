package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

import java.util.List;
import java.util.Objects;

/** The disks a node offers to pools, and those no pool uses yet. */
public record NodeDisks(String node, List<String> disks, List<String> free) {
    public NodeDisks {
        DnsLabel.require(node, "node");
        disks = List.copyOf(Objects.requireNonNull(disks, "disks must not be null"));
        free = List.copyOf(Objects.requireNonNull(free, "free must not be null"));
        if (!disks.containsAll(free)) {
            throw new IllegalArgumentException("free disks of " + node + " must be among its disks");
        }
    }
}
