package io.cairn.soap.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.security.CredentialService;
import io.cairn.api.task.TaskService;
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
 * Publishes the SOAP facade at {@code /soap/vms} on CXF's servlet (context {@code /cairn}), so
 * the WSDL is at {@code /cairn/soap/vms?wsdl}. Same credential as REST and SSH.
 */
@Component(immediate = true)
public class SoapServer {
    public static final String ADDRESS = "/soap/vms";

    // optional and dynamic: the WSDL stays up while the VM services are missing or being replaced;
    // operations answer an "unavailable" fault meanwhile
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmService vms;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmAdminService vmAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TaskService tasks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmSnapshotService snapshots;
    @Reference
    private CredentialService credentials;

    private CxfEndpoint endpoint;

    @Activate
    void activate() {
        endpoint = CxfEndpoint.publish("SOAP API", ADDRESS, JaxWsServerFactoryBean.class,
                (bus, address) -> publish(bus, address, () -> vms, () -> vmAdmin, () -> tasks, credentials,
                        () -> snapshots));
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** Creates the JAX-WS endpoint on {@code bus} at {@code address}; used by the component and by tests. */
    public static Server publish(Bus bus, String address, Supplier<VmService> vms, Supplier<VmAdminService> vmAdmin,
                                 Supplier<TaskService> tasks, CredentialService credentials) {
        return publish(bus, address, vms, vmAdmin, tasks, credentials, () -> null);
    }

    /** As above, with the VM snapshot service (its operations answer an "unavailable" fault without it). */
    public static Server publish(Bus bus, String address, Supplier<VmService> vms, Supplier<VmAdminService> vmAdmin,
                                 Supplier<TaskService> tasks, CredentialService credentials,
                                 Supplier<VmSnapshotService> snapshots) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceClass(VmSoapEndpoint.class);
        factory.setServiceBean(new VmSoapEndpoint(vms, vmAdmin, tasks, snapshots));
        factory.getInInterceptors().add(new BasicAuthInterceptor(credentials));
        factory.getOutFaultInterceptors().add(new BasicAuthInterceptor.Challenge());
        return factory.create();
    }
}
