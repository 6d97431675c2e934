package io.cairn.soap.internal;

import io.cairn.testing.BasicAuth;
import io.cairn.testing.CxfServlet;
import io.cairn.testing.InMemoryEdges;
import io.cairn.testing.InMemoryNetworks;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network and EDGE SOAP operations over HTTP: CXF's servlet in Jetty, a CXF JAX-WS client, in-test api services. */
class NetworkSoapServiceTest {
    private static final InMemoryServices services = new InMemoryServices();
    private static final InMemoryNetworks networks = new InMemoryNetworks();
    private static final InMemoryEdges edges = new InMemoryEdges(networks);
    private static CxfServlet servlet;
    private static Server endpoint;
    private static String address;
    private static NetworkSoapService client;

    @BeforeAll
    static void start() throws Exception {
        servlet = CxfServlet.start();
        endpoint = NetworkSoapServer.publish(servlet.bus(), NetworkSoapServer.ADDRESS, networks::whenPresent,
                networks::whenPresent, edges::whenPresent, edges::whenPresent, services);
        address = servlet.url(NetworkSoapServer.ADDRESS);
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(NetworkSoapService.class);
        factory.setAddress(address);
        factory.setUsername(InMemoryServices.USER);
        factory.setPassword(InMemoryServices.PASSWORD);
        client = (NetworkSoapService) factory.create();
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.destroy();
        servlet.close();
    }

    @BeforeEach
    void reset() throws CairnFault {
        networks.reset();
        edges.reset();
        client.create(network("blue", "geneve", "10.50.0.0/24"));
    }

    static SoapNetwork network(String name, String kind, String subnet) {
        SoapNetwork spec = new SoapNetwork();
        spec.name = name;
        spec.kind = kind;
        spec.subnet = subnet;
        if (kind.equals("vlan")) {
            spec.vlan = 100;
        }
        return spec;
    }

    static SoapEdge edgeSpec(String network) {
        SoapEdge spec = new SoapEdge();
        spec.network = network;
        spec.uplinkAddress = "192.0.2.10/24";
        spec.uplinkGateway = "192.0.2.1";
        spec.nat = true;
        spec.forwards.add(new SoapForward("tcp", 8080, "10.50.0.12", 80));
        return spec;
    }

    /** JAX-WS clients see an empty list as null (no elements on the wire). */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** protocol/port -> target:targetPort of every forward. */
    static List<String> forwards(SoapEdge edge) {
        return orEmpty(edge.forwards).stream().map(f -> f.protocol + "/" + f.port + " -> " + f.target + ":" + f.targetPort)
                .toList();
    }

    @Test
    void networksRoundTrip() throws Exception {
        SoapNetwork office = client.create(network("office", "vlan", null));
        assertEquals("vlan", office.kind);
        assertEquals(100, office.vlan);
        assertEquals(1500, office.mtu);
        assertEquals(Boolean.TRUE, office.realized);
        assertEquals(office.id, client.get("office").id);
        assertEquals(List.of("blue", "office"), orEmpty(client.list()).stream().map(n -> n.name).toList());
        assertEquals("office", client.delete("office"));
        assertFault("not_found", "no network named 'office'", () -> client.get("office"));
    }

    @Test
    void edgeRoundTrip() throws Exception {
        assertTrue(orEmpty(client.edges()).isEmpty());
        SoapEdge created = client.createEdge(edgeSpec("blue"));
        assertEquals("blue", created.network);
        assertEquals("192.0.2.10/24", created.uplinkAddress);
        assertEquals("192.0.2.1", created.uplinkGateway);
        assertEquals(Boolean.TRUE, created.nat);
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80"), forwards(created));
        assertEquals("node1", created.owner);
        assertEquals(1L, created.epoch);

        SoapEdge got = client.edge("blue");
        assertEquals(forwards(created), forwards(got));
        assertEquals(created.epoch, got.epoch);
        assertEquals(List.of("blue"), orEmpty(client.edges()).stream().map(e -> e.network).toList());

        SoapEdge added = client.addForward("blue", new SoapForward("UDP", 5353, "10.50.0.13", 53));
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80", "udp/5353 -> 10.50.0.13:53"), forwards(added));
        assertEquals(forwards(added), forwards(client.edge("blue")));
        SoapEdge removed = client.removeForward("blue", "tcp", 8080);
        assertEquals(List.of("udp/5353 -> 10.50.0.13:53"), forwards(removed));
        assertEquals(forwards(removed), forwards(client.edge("blue")));

        assertEquals("blue", client.deleteEdge("blue"));
        assertFault("not_found", "network 'blue' has no EDGE router", () -> client.edge("blue"));
        assertTrue(orEmpty(client.edges()).isEmpty());
    }

    @Test
    void anEdgeWithoutNatOrForwardsNeedsNeither() throws Exception {
        SoapEdge spec = edgeSpec("blue");
        spec.nat = null;
        spec.forwards = null;
        SoapEdge created = client.createEdge(spec);
        assertEquals(Boolean.FALSE, created.nat);
        assertTrue(forwards(created).isEmpty());
    }

    @Test
    void badForwardsAreInvalidFaultsAndChangeNothing() throws Exception {
        client.createEdge(edgeSpec("blue"));
        SoapEdge before = client.edge("blue");
        assertFault("invalid", "forward target 10.60.0.4 is not a host address of network 'blue' (10.50.0.0/24)",
                () -> client.addForward("blue", new SoapForward("tcp", 8081, "10.60.0.4", 80)));
        assertFault("invalid", "not a host address", () -> client.addForward("blue", new SoapForward("tcp", 8081, "10.50.0.1", 80)));
        assertFault("invalid", "port must be between 1 and 65535, was 0",
                () -> client.addForward("blue", new SoapForward("tcp", 0, "10.50.0.12", 80)));
        assertFault("invalid", "port must be between 1 and 65535, was 70000",
                () -> client.addForward("blue", new SoapForward("tcp", 70000, "10.50.0.12", 80)));
        assertFault("invalid", "targetPort must be between 1 and 65535, was 70000",
                () -> client.addForward("blue", new SoapForward("tcp", 8081, "10.50.0.12", 70000)));
        assertFault("invalid", "protocol must be tcp or udp, was 'sctp'",
                () -> client.addForward("blue", new SoapForward("sctp", 8081, "10.50.0.12", 80)));
        assertFault("invalid", "target must be a dotted IPv4 address",
                () -> client.addForward("blue", new SoapForward("tcp", 8081, "10.50.0", 80)));
        assertFault("invalid", "port is required", () -> client.addForward("blue", new SoapForward("tcp", null, "10.50.0.12", 80)));
        assertFault("invalid", "forward is required", () -> client.addForward("blue", null));
        assertFault("conflict", "port tcp/8080 of EDGE blue is forwarded already",
                () -> client.addForward("blue", new SoapForward("tcp", 8080, "10.50.0.13", 80)));
        assertFault("not_found", "EDGE blue forwards no tcp/70000", () -> client.removeForward("blue", "tcp", 70000));
        assertFault("not_found", "EDGE blue forwards no udp/8080", () -> client.removeForward("blue", "udp", 8080));
        assertFault("invalid", "port is required", () -> client.removeForward("blue", "tcp", null));
        SoapEdge after = client.edge("blue");
        assertEquals(forwards(before), forwards(after));
        assertEquals(before.epoch, after.epoch);
    }

    @Test
    void unknownNetworksAndBadEdgeSpecsAreFaults() throws Exception {
        assertFault("not_found", "no network named 'ghost'", () -> client.createEdge(edgeSpec("ghost")));
        assertFault("not_found", "network 'ghost' has no EDGE router", () -> client.edge("ghost"));
        assertFault("not_found", "network 'ghost' has no EDGE router",
                () -> client.addForward("ghost", new SoapForward("tcp", 8081, "10.50.0.12", 80)));
        assertFault("not_found", "ghost", () -> client.removeForward("ghost", "tcp", 8080));
        assertFault("not_found", "ghost", () -> client.deleteEdge("ghost"));
        assertFault("not_found", "network names are DNS labels", () -> client.edge("../blue"));
        client.create(network("office", "vlan", null));
        assertFault("invalid", "network 'office' cannot have an EDGE router", () -> client.createEdge(edgeSpec("office")));
        SoapEdge spec = edgeSpec("blue");
        spec.forwards.add(new SoapForward("tcp", 8080, "10.50.0.13", 80));
        assertFault("invalid", "port tcp/8080 is forwarded twice", () -> client.createEdge(spec));
        spec.forwards.remove(1);
        spec.uplinkGateway = "198.51.100.1";
        assertFault("invalid", "uplinkGateway 198.51.100.1 is not on the uplink 192.0.2.0/24", () -> client.createEdge(spec));
        spec.uplinkGateway = "192.0.2.1";
        spec.uplinkAddress = "192.0.2.10";
        assertFault("invalid", "uplinkAddress must be IPv4 CIDR", () -> client.createEdge(spec));
        spec.uplinkAddress = "192.0.2.10/24";
        spec.forwards.get(0).target = "10.60.0.4";
        assertFault("invalid", "not a host address of network 'blue'", () -> client.createEdge(spec));
        assertFault("invalid", "spec is required", () -> client.createEdge(null));
        assertTrue(orEmpty(client.edges()).isEmpty(), "a refused create recorded an EDGE");
        assertEquals("blue", client.createEdge(edgeSpec("blue")).network);
        assertFault("conflict", "has an EDGE router already", () -> client.createEdge(edgeSpec("blue")));
    }

    @Test
    void missingEdgeServicesAreUnavailableFaults() {
        edges.present(false);
        assertFault("unavailable", "the EDGE service is not available", () -> client.edge("blue"));
        assertFault("unavailable", "the EDGE admin service is not available", () -> client.createEdge(edgeSpec("blue")));
        assertFault("unavailable", "the EDGE admin service is not available",
                () -> client.addForward("blue", new SoapForward("tcp", 8081, "10.50.0.12", 80)));
    }

    @Test
    void wsdlNamesTheEdgeOperationsAndTypes() throws Exception {
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "?wsdl"))
                .header("Authorization", BasicAuth.header()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        for (String part : List.of("name=\"NetworkService\"", "listNetworks", "getNetwork", "createNetwork", "deleteNetwork",
                "listEdges", "getEdge", "createEdge", "deleteEdge", "addForward", "removeForward", "name=\"Edge\"",
                "name=\"Forward\"", "uplinkAddress", "targetPort", "cairnFault", VmSoapService.NS)) {
            assertTrue(wsdl.body().contains(part), "WSDL lacks " + part);
        }
    }

    private static void assertFault(String code, String messagePart, Executable call) {
        CairnFault fault = assertThrows(CairnFault.class, call);
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getMessage());
        assertTrue(fault.getMessage().contains(messagePart), fault.getMessage());
        assertTrue(fault.getFaultInfo().getMessage().contains(messagePart), fault.getFaultInfo().getMessage());
    }
}
