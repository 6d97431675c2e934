package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

/**
 * Which node imports a pool. The epoch only grows; the owner writes it into the pool's
 * {@code cairn:epoch} property, and member exports serve only the owner with the highest epoch.
 */
public record PoolOwnership(String pool, String node, long epoch) {
    public PoolOwnership {
        PoolName.require(pool);
        DnsLabel.require(node, "owner node");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be positive, was " + epoch);
        }
    }

    /** The NBD export name that fences at the disk: only this owner at this epoch is served. */
    public String exportName() {
        return pool + "." + node + ".e" + epoch;
    }
}
