package io.cairn.testing;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * CXF's servlet on its own bus at context {@code /cairn} in an embedded Jetty 9.4 on 127.0.0.1 and a free port,
 * as Pax Web serves it in a node: endpoints published on {@link #bus()} at {@code /v1} answer at
 * {@code url("/v1")}.
 */
public final class CxfServlet implements AutoCloseable {
    public static final String CONTEXT = "/cairn";

    private final Bus bus;
    private final Server jetty;
    private final int port;

    private CxfServlet(Bus bus, Server jetty, int port) {
        this.bus = bus;
        this.jetty = jetty;
        this.port = port;
    }

    public static CxfServlet start() throws Exception {
        Bus bus = BusFactory.newInstance().createBus();
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(CONTEXT);
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            bus.shutdown(true);
            throw e;
        }
        return new CxfServlet(bus, jetty, connector.getLocalPort());
    }

    /** The bus to publish endpoints on. */
    public Bus bus() {
        return bus;
    }

    /** The absolute URL of {@code path} below the servlet, e.g. {@code url("/v1")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + CONTEXT + path;
    }

    /** Stops Jetty and the bus; destroy the endpoints published on it first. */
    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            bus.shutdown(true);
        }
    }
}
