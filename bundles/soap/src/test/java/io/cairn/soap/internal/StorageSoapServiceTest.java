package io.cairn.soap.internal;

import io.cairn.testing.BasicAuth;
import io.cairn.testing.CxfServlet;
import io.cairn.testing.InMemoryPools;
import io.cairn.testing.InMemoryServices;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool SOAP operations over HTTP: CXF's servlet in Jetty, a CXF JAX-WS client, in-test storage services. */
class StorageSoapServiceTest {
    private static final InMemoryServices services = new InMemoryServices();
    private static final InMemoryPools pools = new InMemoryPools();
    private static final AtomicBoolean present = new AtomicBoolean(true);
    private static CxfServlet servlet;
    private static Server endpoint;
    private static String address;
    private static StorageSoapService client;

    @BeforeAll
    static void start() throws Exception {
        servlet = CxfServlet.start();
        endpoint = StorageSoapServer.publish(servlet.bus(), StorageSoapServer.ADDRESS,
                () -> present.get() ? pools : null, () -> present.get() ? pools : null, services);
        address = servlet.url(StorageSoapServer.ADDRESS);
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(StorageSoapService.class);
        factory.setAddress(address);
        factory.setUsername(InMemoryServices.USER);
        factory.setPassword(InMemoryServices.PASSWORD);
        client = (StorageSoapService) factory.create();
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.destroy();
        servlet.close();
    }

    @BeforeEach
    void reset() {
        pools.reset();
        present.set(true);
    }

    private static SoapPool spec(String name, int redundancy) {
        SoapPool spec = new SoapPool();
        spec.name = name;
        spec.redundancy = redundancy;
        return spec;
    }

    @Test
    void aCreatedPoolIsListedWithItsOwnerMembersAndStatus() throws Exception {
        SoapPool created = client.create(spec("tank", 1));
        assertEquals("tank", created.name);
        assertEquals("n1", created.owner);
        assertEquals(List.of("n1", "n2", "n3"), created.memberNodes);
        SoapPool got = client.get("tank");
        assertEquals("ONLINE", got.health);
        assertEquals("raidz1", got.layout);
        assertEquals(Boolean.TRUE, got.imported);
        assertEquals(1, client.list().size());
    }

    @Test
    void scrubMoveAndDeleteAnswerTheOwnersTask() throws Exception {
        client.create(spec("tank", 1));
        SoapTask scrub = client.scrub("tank");
        assertEquals("pool.scrub", scrub.kind);
        assertEquals("n1", scrub.node);
        SoapTask move = client.move("tank", "n2");
        assertEquals("pool.move", move.kind);
        assertEquals("n2", client.get("tank").owner);
        SoapTask delete = client.delete("tank");
        assertEquals("pool.delete", delete.kind);
        assertTrue(client.list() == null || client.list().isEmpty());
    }

    @Test
    void badRequestsAreFaultsWithRestsCodesAndChangeNothing() throws Exception {
        assertFault("invalid", "needs at least 4 nodes", () -> client.create(spec("tank", 3)));
        assertFault("invalid", "redundancy must be", () -> client.create(spec("tank", 0)));
        assertFault("invalid", "spec is required", () -> client.create(null));
        assertFault("invalid", "", () -> client.create(spec("a b", 1)));
        assertTrue(client.list() == null || client.list().isEmpty(), "a refused create recorded a pool");
        client.create(spec("tank", 1));
        assertFault("conflict", "already exists", () -> client.create(spec("tank", 1)));
        assertFault("invalid", "no free disk", () -> client.create(spec("tank2", 1)));
        assertFault("not_found", "no pool named 'nope'", () -> client.get("nope"));
        assertFault("not_found", "pool", () -> client.scrub("a/b"));
        assertFault("conflict", "owned by n1 already", () -> client.move("tank", "n1"));
        assertFault("invalid", "gives pool 'tank' no disk", () -> client.move("tank", "n9"));
        assertFault("invalid", "node is required", () -> client.move("tank", " "));
        assertEquals("n1", client.get("tank").owner, "a refused move moved the pool");
    }

    @Test
    void missingStorageServicesAreUnavailableFaults() {
        present.set(false);
        assertFault("unavailable", "the storage service is not available", () -> client.list());
        assertFault("unavailable", "the storage admin service is not available", () -> client.scrub("tank"));
    }

    @Test
    void wsdlNamesThePoolOperationsAndTypes() throws Exception {
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "?wsdl"))
                .header("Authorization", BasicAuth.header()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        for (String part : List.of("name=\"StorageService\"", "listPools", "getPool", "createPool", "scrubPool",
                "movePool", "deletePool", "name=\"Pool\"", "name=\"PoolMember\"", "redundancy", "cairnFault",
                VmSoapService.NS)) {
            assertTrue(wsdl.body().contains(part), "WSDL lacks " + part);
        }
    }

    private static void assertFault(String code, String messagePart, Executable call) {
        CairnFault fault = assertThrows(CairnFault.class, call);
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getMessage());
        assertTrue(fault.getMessage().contains(messagePart), fault.getMessage());
    }
}
