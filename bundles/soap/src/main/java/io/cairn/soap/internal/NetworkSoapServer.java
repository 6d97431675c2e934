package io.cairn.soap.internal;

import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkService;
import io.cairn.api.security.CredentialService;
import io.cairn.web.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import java.util.function.Supplier;

/**
 * Publishes the SOAP operations of networks and their EDGE routers at {@code /soap/networks} (WSDL at
 * {@code /cairn/soap/networks?wsdl}). Same credential as REST and SSH.
 */
@Component(immediate = true)
public class NetworkSoapServer {
    public static final String ADDRESS = "/soap/networks";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NetworkService networks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NetworkAdminService admin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EdgeService edges;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EdgeAdminService edgeAdmin;
    @Reference
    private CredentialService credentials;

    private CxfEndpoint endpoint;

    @Activate
    void activate() {
        endpoint = CxfEndpoint.publish("SOAP network API", ADDRESS, JaxWsServerFactoryBean.class,
                (bus, address) -> publish(bus, address, () -> networks, () -> admin, () -> edges, () -> edgeAdmin,
                        credentials));
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** Creates the JAX-WS endpoint on {@code bus} at {@code address}; used by the component and by tests. */
    public static Server publish(Bus bus, String address, Supplier<NetworkService> networks,
                                 Supplier<NetworkAdminService> admin, Supplier<EdgeService> edges,
                                 Supplier<EdgeAdminService> edgeAdmin, CredentialService credentials) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceClass(NetworkSoapEndpoint.class);
        factory.setServiceBean(new NetworkSoapEndpoint(networks, admin, edges, edgeAdmin));
        factory.getInInterceptors().add(new BasicAuthInterceptor(credentials));
        factory.getOutFaultInterceptors().add(new BasicAuthInterceptor.Challenge());
        return factory.create();
    }
}
