package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

/**
 * One member of a pool: the disk a node gives it.
 *
 * @param node the node that has the disk
 * @param disk the disk's path on that node (from the node's {@code etc/io.cairn.storage.cfg})
 */
public record PoolMember(String node, String disk) {
    public PoolMember {
        DnsLabel.require(node, "member node");
        if (disk == null || !disk.startsWith("/") || disk.contains("\n")) {
            throw new IllegalArgumentException("member disk must be an absolute path, was " + disk);
        }
    }
}
