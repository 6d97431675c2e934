package io.cairn.soap.internal;

import io.cairn.api.security.CredentialService;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
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
 * Publishes the SOAP operations of cluster pools at {@code /soap/storage} (WSDL at
 * {@code /cairn/soap/storage?wsdl}). Same credential as REST and SSH.
 */
@Component(immediate = true)
public class StorageSoapServer {
    public static final String ADDRESS = "/soap/storage";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageService storage;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageAdminService admin;
    @Reference
    private CredentialService credentials;

    private CxfEndpoint endpoint;

    @Activate
    void activate() {
        endpoint = CxfEndpoint.publish("SOAP storage API", ADDRESS, JaxWsServerFactoryBean.class,
                (bus, address) -> publish(bus, address, () -> storage, () -> admin, credentials));
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** Creates the JAX-WS endpoint on {@code bus} at {@code address}; used by the component and by tests. */
    public static Server publish(Bus bus, String address, Supplier<StorageService> storage,
                                 Supplier<StorageAdminService> admin, CredentialService credentials) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceClass(StorageSoapEndpoint.class);
        factory.setServiceBean(new StorageSoapEndpoint(storage, admin));
        factory.getInInterceptors().add(new BasicAuthInterceptor(credentials));
        factory.getOutFaultInterceptors().add(new BasicAuthInterceptor.Challenge());
        return factory.create();
    }
}
