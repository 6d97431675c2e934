package io.cairn.core.internal.network;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.network.Edge;
import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.Ipv4Subnet;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.PortForward;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * EDGE routers: checks a spec against its network (an overlay with a subnet; forward targets inside
 * it) before anything changes, records it owned by the live node with the fewest EDGEs; the owner's
 * {@link EdgeReconciler} puts it in the backend. Delete removes it from the backend at once.
 */
@Component(service = {EdgeService.class, EdgeAdminService.class})
public class EdgeManager implements EdgeService, EdgeAdminService {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeManager.class);

    @Reference
    private EdgeStore edges;
    @Reference
    private NetworkStore networks;
    @Reference
    private NetworkDrivers drivers;
    @Reference
    private NodeService nodes;

    @Override
    public Edge create(EdgeSpec spec) {
        NetworkSpec network = requireRoutable(spec.network());
        spec.forwards().forEach(f -> requireInside(network, f));
        String owner = nodes.nodes().stream().filter(n -> n.state() == NodeState.UP)
                .map(n -> n.name())
                .min(Comparator.comparingLong((String n) -> edges.list().stream().filter(e -> e.owner().equals(n)).count())
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow(() -> new io.cairn.api.common.UnavailableException("no node is up to own an EDGE router"));
        Edge edge = edges.create(new EdgeRecord(spec, owner));
        LOG.info("Created EDGE of network {} owned by {} at epoch {}", spec.network(), owner, edge.epoch());
        return edge;
    }

    @Override
    public Edge addForward(String network, PortForward forward) {
        Edge edge = edge(network);
        requireInside(requireRoutable(network), forward);
        if (edge.spec().forwards().stream().anyMatch(f -> f.id().equals(forward.id()))) {
            throw new io.cairn.api.common.ConflictException("port " + forward.protocol() + "/" + forward.port()
                    + " of EDGE " + network + " is forwarded already");
        }
        List<PortForward> next = new ArrayList<>(edge.spec().forwards());
        next.add(forward);
        return edges.update(edge, new EdgeRecord(edge.spec().withForwards(next), edge.owner()));
    }

    @Override
    public Edge removeForward(String network, String protocol, int port) {
        Edge edge = edge(network);
        String id = protocol + "-" + port;
        List<PortForward> next = edge.spec().forwards().stream().filter(f -> !f.id().equals(id)).toList();
        if (next.size() == edge.spec().forwards().size()) {
            throw new NotFoundException("EDGE " + network + " forwards no " + protocol + "/" + port);
        }
        return edges.update(edge, new EdgeRecord(edge.spec().withForwards(next), edge.owner()));
    }

    @Override
    public void delete(String network) {
        Edge edge = edge(network);
        edges.delete(edge);
        networks.get(network).ifPresent(n -> drivers.forKind(n.network().spec().networkKind()).removeEdge(network));
        LOG.info("Deleted EDGE of network {}", network);
    }

    @Override
    public List<Edge> edges() {
        return edges.list();
    }

    @Override
    public Edge edge(String network) {
        return edges.get(network).orElseThrow(() -> new NotFoundException("network '" + network + "' has no EDGE router"));
    }

    private NetworkSpec requireRoutable(String name) {
        NetworkSpec network = networks.get(name).map(e -> e.network().spec())
                .orElseThrow(() -> new NotFoundException("no network named '" + name + "'"));
        if (network.networkKind() != io.cairn.api.network.NetworkKind.GENEVE || network.subnet() == null) {
            throw new IllegalArgumentException("network '" + name + "' cannot have an EDGE router: only a geneve network "
                    + "with a subnet is routed (it is " + network.kind() + (network.subnet() == null ? " without a subnet" : "") + ")");
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
