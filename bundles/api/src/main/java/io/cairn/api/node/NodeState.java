package io.cairn.api.node;

/** Liveness of a node as seen by the cluster. */
public enum NodeState {
    /** Heartbeats arrive on time and the node is a cluster member. */
    UP,
    /** Heartbeats are late; the node may be overloaded or cut off. */
    SUSPECT,
    /** The node missed heartbeats past the down timeout or left the cluster. */
    DOWN
}
