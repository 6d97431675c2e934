package io.cairn.api.node;

import java.util.List;
import java.util.Optional;

/** Read access to the cluster's nodes. */
public interface NodeService {
    /** All nodes known to the cluster, sorted by name, with their liveness as seen from here. */
    List<NodeInfo> nodes();

    /** One node by name. */
    Optional<NodeInfo> node(String name);

    /** The node this service runs on. */
    NodeInfo localNode();

    void addListener(NodeListener listener);

    void removeListener(NodeListener listener);
}
