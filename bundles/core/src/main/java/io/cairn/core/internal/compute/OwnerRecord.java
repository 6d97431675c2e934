package io.cairn.core.internal.compute;

import io.cairn.api.compute.Ownership;

import java.util.UUID;

/** The stored form of an ownership record; its epoch is the store version that wrote it. */
record OwnerRecord(UUID vmId, String node) {
    Ownership withEpoch(long epoch) {
        return new Ownership(vmId, node, epoch);
    }
}
