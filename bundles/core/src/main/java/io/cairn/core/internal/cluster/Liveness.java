package io.cairn.core.internal.cluster;

import io.cairn.api.node.NodeState;

import java.time.Duration;

/** Decides a node's state from how long ago its last heartbeat arrived (monotonic time). */
record Liveness(Duration suspectAfter, Duration downAfter) {
    NodeState state(long nanosSinceHeartbeat, boolean member) {
        if (!member || nanosSinceHeartbeat >= downAfter.toNanos()) {
            return NodeState.DOWN;
        }
        return nanosSinceHeartbeat >= suspectAfter.toNanos() ? NodeState.SUSPECT : NodeState.UP;
    }
}
