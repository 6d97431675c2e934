package io.cairn.api.network;

import java.util.Set;

/**
 * The SPI of a network backend, registered as an OSGi service with {@code cairn.driver=<type>}.
 * Every node runs one; core calls the cluster-wide operations ({@link #apply}, {@link #remove})
 * from any node, and the per-node ones ({@link #attach}) on the node that runs the NIC's VM.
 * All operations are idempotent.
 */
public interface NetworkDriver {
    String TYPE_PROPERTY = "cairn.driver";

    /** The kinds this backend provides. */
    Set<NetworkKind> kinds();

    /**
     * The largest MTU a network of {@code kind} can have over this cluster's underlay (for an
     * overlay: the underlay's MTU less the tunnel overhead).
     */
    int maxMtu(NetworkKind kind);

    /** Creates or updates the network in the backend. */
    void apply(NetworkSpec spec);

    /** Removes the network from the backend; nothing happens if it is not there. */
    void remove(String network);

    /** What the backend shows for the network. */
    NetworkStatus observe(NetworkSpec spec);

    /**
     * Prepares this node for the NIC (its logical port, a QinQ bridge) and says how the hypervisor
     * attaches it.
     */
    NicPort attach(NetworkSpec spec, NicBinding nic);

    /** Removes what {@link #attach} made for the NIC that no other NIC needs. */
    void detach(NetworkSpec spec, NicBinding nic);

    /**
     * Creates or updates the network's EDGE router with its gateway on {@code gatewayNode} (the EDGE's
     * owner; a move to another node is this call with the new owner). The backend records {@code epoch} and
     * refuses an older one (a cut-off former owner cannot take the gateway back).
     */
    void applyEdge(NetworkSpec network, EdgeSpec edge, String gatewayNode, long epoch);

    /** Removes the network's EDGE router; nothing happens if there is none. */
    void removeEdge(String network);
}
