package io.cairn.soap.internal;

import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.jws.WebService;
import java.util.List;
import java.util.function.Supplier;

/** Thin: every operation is one api call ({@link SoapCalls}). */
@WebService(serviceName = "NetworkService", portName = "NetworkPort", targetNamespace = VmSoapService.NS,
        endpointInterface = "io.cairn.soap.internal.NetworkSoapService")
public class NetworkSoapEndpoint implements NetworkSoapService {
    private final Supplier<NetworkService> networks;
    private final Supplier<NetworkAdminService> admin;

    public NetworkSoapEndpoint(Supplier<NetworkService> networks, Supplier<NetworkAdminService> admin) {
        this.networks = networks;
        this.admin = admin;
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
}
