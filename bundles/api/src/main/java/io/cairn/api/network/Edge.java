package io.cairn.api.network;

import java.util.Objects;

/**
 * An EDGE router as recorded, with its owner: the node that carries its gateway, with the epoch of
 * that ownership (epochs only grow; a move to a survivor raises it).
 *
 * @param spec  what was asked for
 * @param owner the owning node
 * @param epoch the ownership's epoch
 */
public record Edge(EdgeSpec spec, String owner, long epoch) {
    public Edge {
        Objects.requireNonNull(spec, "spec must not be null");
        io.cairn.api.common.DnsLabel.require(owner, "owner");
    }
}
