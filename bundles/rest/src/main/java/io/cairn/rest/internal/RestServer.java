package io.cairn.rest.internal;

import io.cairn.api.node.NodeService;
import io.cairn.api.security.CredentialService;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Publishes the JAX-RS resources at {@code /v1} on CXF's servlet (context {@code /cairn}, see
 * etc/org.apache.cxf.osgi.cfg), so the API lives under {@code /cairn/v1}. Resources are thin:
 * they only call api services.
 */
@Component(immediate = true)
public class RestServer {
    public static final String ADDRESS = "/v1";
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    @Reference
    private NodeService nodes;
    @Reference
    private CredentialService credentials;

    private Server server;

    @Activate
    void activate() {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(JAXRSServerFactoryBean.class.getClassLoader());
        try {
            Bus bus = BusFactory.getDefaultBus(true);
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(ADDRESS);
            factory.setResourceClasses(NodesResource.class);
            factory.setResourceProvider(NodesResource.class, new SingletonResourceProvider(new NodesResource(nodes)));
            factory.setProviders(List.of(new JsonProvider(), new ErrorMapper(), new BasicAuthFilter(credentials)));
            server = factory.create();
            LOG.info("REST API published at {}", ADDRESS);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.destroy();
        }
    }
}
