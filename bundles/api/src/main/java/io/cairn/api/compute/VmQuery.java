package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;

/**
 * Which VMs to list, a page at a time, in name order.
 *
 * @param node   only VMs owned by this node, or null
 * @param state  only VMs in this observed state, or null
 * @param tenant only VMs of this tenant, or null
 * @param limit  at most this many (1 to {@link #MAX_LIMIT})
 * @param cursor the {@link VmPage#nextCursor()} of the previous page, or null for the first
 */
public record VmQuery(String node, VmState state, String tenant, int limit, String cursor) {
    public static final int MAX_LIMIT = 1000;

    public VmQuery {
        if (node != null) {
            DnsLabel.require(node, "node");
        }
        if (tenant != null) {
            DnsLabel.require(tenant, "tenant");
        }
        if (cursor != null) {
            DnsLabel.require(cursor, "cursor");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
