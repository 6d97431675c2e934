package io.cairn.api.node;

import java.util.Objects;

/** A change in the cluster's view of a node. */
public record NodeEvent(Type type, NodeInfo node) {
    public enum Type { ADDED, STATE_CHANGED, UPDATED, REMOVED }

    public NodeEvent {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(node, "node must not be null");
    }
}
