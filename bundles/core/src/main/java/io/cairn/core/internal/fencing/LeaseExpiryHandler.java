package io.cairn.core.internal.fencing;

import io.cairn.api.state.StoreOp;

import java.util.List;
import java.util.Set;

/**
 * A whiteboard service: whatever must move when a node's lease expires (its HA VMs now, its pools
 * and EDGE routers later) adds its conditional operations to the one commit that expires the
 * lease, so everything moves together with the expiry or not at all. Handlers must not block and
 * must not touch hosts: the commit only records the new owners, who then act.
 */
public interface LeaseExpiryHandler {
    /**
     * Adds to {@code ops} what moves off {@code deadNode}, to nodes in {@code liveNodes} (those
     * whose lease is held); returns a description of each move, for the log.
     */
    List<String> onExpiry(String deadNode, Set<String> liveNodes, List<StoreOp> ops);
}
