package io.cairn.web;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A CXF endpoint published on CXF's default bus, i.e. on the {@code /cxf} servlet that CXF's Karaf features
 * register (context {@code /cairn} in etc/org.apache.cxf.osgi.cfg). CXF finds its frontend's extensions
 * through the thread context class loader, which in a DS activation is not CXF's: the factory runs with the
 * frontend's loader as context loader, and the previous one is put back afterwards.
 */
public final class CxfEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CxfEndpoint.class);

    private final String what;
    private final String address;
    private final Server server;

    private CxfEndpoint(String what, String address, Server server) {
        this.what = what;
        this.address = address;
        this.server = server;
    }

    /**
     * @param what     what is published, for the log ("REST API")
     * @param address  the endpoint's address below the CXF servlet, e.g. {@code /v1}
     * @param frontend a class of the CXF frontend the factory uses (e.g. {@code JAXRSServerFactoryBean});
     *                 its class loader is the context loader while the factory runs
     * @param factory  creates the server on the given bus at the given address
     */
    public static CxfEndpoint publish(String what, String address, Class<?> frontend,
                                      BiFunction<Bus, String, Server> factory) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(factory, "factory");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(frontend.getClassLoader());
        try {
            Server server = Objects.requireNonNull(factory.apply(BusFactory.getDefaultBus(true), address),
                    "the factory of the " + what + " made no server");
            LOG.info("{} published at {}", what, address);
            return new CxfEndpoint(what, address, server);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The published server; for tests and diagnostics. */
    public Server server() {
        return server;
    }

    /** Withdraws the endpoint: its address answers 404 afterwards. */
    @Override
    public void close() {
        server.destroy();
        LOG.info("{} at {} withdrawn", what, address);
    }
}
