package io.cairn.rest.internal;

import io.cairn.testing.BasicAuth;
import io.cairn.testing.CxfServlet;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.apache.cxf.endpoint.Server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST API as a node serves it: CXF's servlet at context /cairn in Jetty 9.4 (as Pax Web
 * runs it), the endpoint published by {@link RestServer#publish} at /v1, in-test services behind.
 */
final class RestHarness implements AutoCloseable {
    final InMemoryServices services = new InMemoryServices();
    final io.cairn.testing.InMemoryVmSnapshots snapshots = new io.cairn.testing.InMemoryVmSnapshots(services);
    final InMemoryConsistentStore store = new InMemoryConsistentStore("n1");
    private final CxfServlet servlet;
    private final Server endpoint;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RestHarness() throws Exception {
        this(new RestServer.Storage(() -> null, () -> null));
    }

    /** With the storage services given (pools). */
    RestHarness(RestServer.Storage storage) throws Exception {
        servlet = CxfServlet.start();
        endpoint = RestServer.publish(servlet.bus(), RestServer.ADDRESS, services, services::whenPresent,
                services::whenPresent, services::whenPresent, services::whenPresent, () -> store, () -> null,
                () -> null, services::caWhenPresent, new RestServer.Metering(() -> null, () -> null, () -> null),
                () -> null, () -> null, () -> null, () -> null, storage, services, () -> snapshots);
        base = servlet.url(RestServer.ADDRESS);
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
            request.header("Authorization", BasicAuth.header());
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

    @Override
    public void close() throws Exception {
        endpoint.destroy();
        servlet.close();
    }
}
