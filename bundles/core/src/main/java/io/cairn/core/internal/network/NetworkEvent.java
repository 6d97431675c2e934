package io.cairn.core.internal.network;

import io.cairn.api.common.DnsLabel;

import java.util.Objects;

/**
 * A change in the network keyspace, as {@link NetworkStore} reports it.
 *
 * @param kind    what changed
 * @param network the network's name
 */
public record NetworkEvent(Kind kind, String network) {
    /** What changed. */
    public enum Kind {
        /** The network's record was written. */
        CREATED,
        /** The network's record was deleted. */
        REMOVED
    }

    public NetworkEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        DnsLabel.require(network, "network");
    }
}
