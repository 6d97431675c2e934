package io.cairn.soap.internal;

import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.jws.WebService;
import java.util.List;
import java.util.function.Supplier;

/** Thin: every operation is one api call ({@link SoapCalls}), as REST's {@code /networks} and {@code /edges} make. */
@WebService(serviceName = "NetworkService", portName = "NetworkPort", targetNamespace = VmSoapService.NS,
        endpointInterface = "io.cairn.soap.internal.NetworkSoapService")
public class NetworkSoapEndpoint implements NetworkSoapService {
    private final Supplier<NetworkService> networks;
    private final Supplier<NetworkAdminService> admin;
    private final Supplier<EdgeService> edges;
    private final Supplier<EdgeAdminService> edgeAdmin;

    public NetworkSoapEndpoint(Supplier<NetworkService> networks, Supplier<NetworkAdminService> admin,
                               Supplier<EdgeService> edges, Supplier<EdgeAdminService> edgeAdmin) {
        this.networks = networks;
        this.admin = admin;
        this.edges = edges;
        this.edgeAdmin = edgeAdmin;
    }

    private EdgeService edgeService() {
        return Services.require(edges, "the EDGE service");
    }

    private EdgeAdminService edgeAdmin() {
        return Services.require(edgeAdmin, "the EDGE admin service");
    }

    @Override
    public List<SoapNetwork> list() throws CairnFault {
        return SoapCalls.call(() -> Services.require(networks, "the network service").list().stream()
                .map(SoapNetwork::of).toList());
    }

    @Override
    public SoapNetwork get(String name) throws CairnFault {
        return SoapCalls.call(() -> SoapNetwork.of(Services.require(networks, "the network service")
                .get(RequestNames.require("network", name))));
    }

    @Override
    public SoapNetwork create(SoapNetwork spec) throws CairnFault {
        return SoapCalls.call(() -> {
            if (spec == null) {
                throw new IllegalArgumentException("spec is required");
            }
            return SoapNetwork.of(Services.require(admin, "the network admin service").create(spec.toSpec()));
        });
    }

    @Override
    public String delete(String name) throws CairnFault {
        return SoapCalls.call(() -> {
            Services.require(admin, "the network admin service").delete(RequestNames.require("network", name));
            return name;
        });
    }

    @Override
    public List<SoapEdge> edges() throws CairnFault {
        return SoapCalls.call(() -> edgeService().edges().stream().map(SoapEdge::of).toList());
    }

    @Override
    public SoapEdge edge(String network) throws CairnFault {
        return SoapCalls.call(() -> SoapEdge.of(edgeService().edge(requireNetwork(network))));
    }

    @Override
    public SoapEdge createEdge(SoapEdge spec) throws CairnFault {
        return SoapCalls.call(() -> {
            if (spec == null) {
                throw new IllegalArgumentException("spec is required (network, uplinkAddress, uplinkGateway)");
            }
            return SoapEdge.of(edgeAdmin().create(spec.toSpec()));
        });
    }

    @Override
    public String deleteEdge(String network) throws CairnFault {
        return SoapCalls.call(() -> {
            edgeAdmin().delete(requireNetwork(network));
            return network;
        });
    }

    @Override
    public SoapEdge addForward(String network, SoapForward forward) throws CairnFault {
        return SoapCalls.call(() -> {
            if (forward == null) {
                throw new IllegalArgumentException("forward is required (protocol, port, target, targetPort)");
            }
            return SoapEdge.of(edgeAdmin().addForward(requireNetwork(network), forward.toForward()));
        });
    }

    @Override
    public SoapEdge removeForward(String network, String protocol, Integer port) throws CairnFault {
        return SoapCalls.call(() -> {
            if (port == null) {
                throw new IllegalArgumentException("port is required: the uplink port of the forward to remove");
            }
            return SoapEdge.of(edgeAdmin().removeForward(requireNetwork(network), protocol, port));
        });
    }

    /** As in REST: a name that is not a DNS label names no network. */
    private static String requireNetwork(String network) {
        return RequestNames.require("network", network);
    }
}
