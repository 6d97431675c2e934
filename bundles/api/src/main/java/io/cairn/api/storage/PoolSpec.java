package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

import java.util.Set;

/**
 * A pool as asked for: one disk from every node, laid out as raidz{@code redundancy}.
 *
 * @param name        the pool's name (see {@link PoolName})
 * @param redundancy  how many members may fail (1-3, raidz1-3); must be less than the number of nodes
 * @param compression {@code on} (the backend's best: lz4 on OpenZFS, lzjb on zfs-fuse), {@code off}, or a
 *                    ZFS algorithm ({@code lz4}, {@code lzjb}, {@code gzip}, {@code gzip-1}…{@code gzip-9},
 *                    {@code zle}); null means {@code on}
 * @param dedup       whether blocks are deduplicated
 * @param owner       the node that imports it; null lets Cairn choose (the node owning fewest pools)
 */
public record PoolSpec(String name, int redundancy, String compression, boolean dedup, String owner) {
    public static final Set<String> COMPRESSION = Set.of("on", "off", "lz4", "lzjb", "gzip", "gzip-1", "gzip-2",
            "gzip-3", "gzip-4", "gzip-5", "gzip-6", "gzip-7", "gzip-8", "gzip-9", "zle");

    public PoolSpec {
        PoolName.require(name);
        if (redundancy < 1 || redundancy > 3) {
            throw new IllegalArgumentException("redundancy must be 1, 2 or 3 (raidz1-3), was " + redundancy);
        }
        compression = compression == null ? "on" : compression;
        if (!COMPRESSION.contains(compression)) {
            throw new IllegalArgumentException("compression must be one of " + new java.util.TreeSet<>(COMPRESSION)
                    + ", was '" + DnsLabel.printable(compression) + "'");
        }
        if (owner != null) {
            DnsLabel.require(owner, "owner");
        }
    }

    public PoolSpec withOwner(String node) {
        return new PoolSpec(name, redundancy, compression, dedup, node);
    }
}
