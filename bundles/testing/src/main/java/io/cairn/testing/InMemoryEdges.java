package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.network.Edge;
import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.Ipv4Subnet;
import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.PortForward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * In-test EDGE services over {@link InMemoryNetworks}, with the contract's documented failures: an unknown
 * network or EDGE, or a forward that is not there, is {@link NotFoundException}; a second EDGE or a port
 * forwarded twice {@link ConflictException}; an EDGE on a network that is not routed (a geneve network with
 * a subnet) or a forward to an address that is not a host of the network {@link IllegalArgumentException}.
 * Every EDGE is owned by {@code node1}; each change raises its epoch. The real manager is tested in core.
 */
public final class InMemoryEdges implements EdgeService, EdgeAdminService {
    private final InMemoryNetworks networks;
    private final Map<String, Edge> edges = new TreeMap<>();
    private volatile boolean present = true;

    public InMemoryEdges(InMemoryNetworks networks) {
        this.networks = networks;
    }

    /** Back to no EDGEs, present. */
    public synchronized void reset() {
        edges.clear();
        present = true;
    }

    /** false: as if the EDGE services were not registered (yet); see {@link #whenPresent()}. */
    public void present(boolean present) {
        this.present = present;
    }

    /** These services, or null while they are not {@link #present(boolean) present}: what a dynamic DS reference holds. */
    public InMemoryEdges whenPresent() {
        return present ? this : null;
    }

    @Override
    public synchronized List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    @Override
    public synchronized Edge edge(String network) {
        Edge edge = edges.get(network);
        if (edge == null) {
            throw new NotFoundException("network '" + network + "' has no EDGE router");
        }
        return edge;
    }

    @Override
    public synchronized Edge create(EdgeSpec spec) {
        NetworkSpec network = routable(spec.network());
        spec.forwards().forEach(f -> requireInside(network, f));
        if (edges.containsKey(spec.network())) {
            throw new ConflictException("network '" + spec.network() + "' has an EDGE router already");
        }
        Edge edge = new Edge(spec, "node1", 1);
        edges.put(spec.network(), edge);
        return edge;
    }

    @Override
    public synchronized Edge addForward(String network, PortForward forward) {
        Edge edge = edge(network);
        requireInside(routable(network), forward);
        if (edge.spec().forwards().stream().anyMatch(f -> f.id().equals(forward.id()))) {
            throw new ConflictException("port " + forward.protocol() + "/" + forward.port() + " of EDGE " + network
                    + " is forwarded already");
        }
        List<PortForward> next = new ArrayList<>(edge.spec().forwards());
        next.add(forward);
        return replace(edge, next);
    }

    @Override
    public synchronized Edge removeForward(String network, String protocol, int port) {
        Edge edge = edge(network);
        String id = protocol + "-" + port;
        List<PortForward> next = edge.spec().forwards().stream().filter(f -> !f.id().equals(id)).toList();
        if (next.size() == edge.spec().forwards().size()) {
            throw new NotFoundException("EDGE " + network + " forwards no " + protocol + "/" + port);
        }
        return replace(edge, next);
    }

    @Override
    public synchronized void delete(String network) {
        edges.remove(edge(network).spec().network());
    }

    private Edge replace(Edge edge, List<PortForward> forwards) {
        Edge next = new Edge(edge.spec().withForwards(forwards), edge.owner(), edge.epoch() + 1);
        edges.put(next.spec().network(), next);
        return next;
    }

    private NetworkSpec routable(String name) {
        NetworkSpec network = networks.get(name).network().spec();
        if (network.networkKind() != NetworkKind.GENEVE || network.subnet() == null) {
            throw new IllegalArgumentException("network '" + name + "' cannot have an EDGE router: only a geneve network "
                    + "with a subnet is routed (it is " + network.kind() + ")");
        }
        return network;
    }

    private static void requireInside(NetworkSpec network, PortForward f) {
        Ipv4Subnet subnet = network.ipv4Subnet();
        int target = Ipv4Subnet.address(f.target(), "target");
        if (!subnet.containsHost(target) || target == subnet.gateway()) {
            throw new IllegalArgumentException("forward target " + f.target() + " is not a host address of network '"
                    + network.name() + "' (" + subnet + ")");
        }
    }
}
