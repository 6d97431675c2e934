package io.cairn.rest.internal;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The REST API as a node serves it: CXF's servlet at context /cairn in Jetty 9.4 (as Pax Web
 * runs it), the endpoint published by {@link RestServer#publish} at /v1, in-test services behind.
 */
final class RestHarness implements AutoCloseable {
    final InMemoryServices services = new InMemoryServices();
    private final org.eclipse.jetty.server.Server jetty;
    private final Bus bus;
    private final Server endpoint;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RestHarness() throws Exception {
        bus = BusFactory.newInstance().createBus();
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        jetty = new org.eclipse.jetty.server.Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/cairn");
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.setHandler(context);
        jetty.start();
        endpoint = RestServer.publish(bus, RestServer.ADDRESS, services, () -> services.vmsPresent ? services : null,
                () -> services.vmsPresent ? services : null, () -> services.vmsPresent ? services : null,
                () -> services.vmsPresent ? services : null, () -> null, () -> null,
                services);
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/cairn/v1";
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, boolean auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (auth) {
            request.header("Authorization", basic(InMemoryServices.USER, InMemoryServices.PASSWORD));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, true);
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json == null ? null : "application/json", json, true);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        endpoint.destroy();
        jetty.stop();
        bus.shutdown(true);
    }
}
