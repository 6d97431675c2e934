package io.cairn.api.node;

import java.util.List;

/** This node's activity counters and the drivers it has bound. */
public interface NodeActivityService {
    NodeActivity activity();

    /**
     * The drivers bound on this node, sorted by kind and type, each with whether it is the one in use
     * and whether it can work on this host (a driver for a hypervisor this host lacks says why).
     *
     * @since 1.2
     */
    default List<NodeDriver> drivers() {
        return List.of();
    }
}
