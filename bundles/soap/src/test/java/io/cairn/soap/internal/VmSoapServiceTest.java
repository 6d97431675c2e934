package io.cairn.soap.internal;

import io.cairn.testing.BasicAuth;
import io.cairn.testing.CxfServlet;
import io.cairn.testing.InMemoryServices;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.xml.ws.WebServiceException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SOAP facade over HTTP: CXF's servlet in Jetty, a CXF JAX-WS client, in-test api services. */
class VmSoapServiceTest {
    private static final InMemoryServices services = new InMemoryServices();
    private static CxfServlet servlet;
    private static Server endpoint;
    private static String address;
    private static VmSoapService client;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        servlet = CxfServlet.start();
        endpoint = SoapServer.publish(servlet.bus(), SoapServer.ADDRESS, services::whenPresent, services::whenPresent,
                services::whenPresent, services);
        address = servlet.url(SoapServer.ADDRESS);
        client = client(InMemoryServices.USER, InMemoryServices.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.destroy();
        servlet.close();
    }

    @BeforeEach
    void reset() {
        services.reset();
    }

    static VmSoapService client(String user, String password) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(VmSoapService.class);
        factory.setAddress(address);
        if (user != null) {
            factory.setUsername(user);
            factory.setPassword(password);
        }
        return (VmSoapService) factory.create();
    }

    /** VM names; JAX-WS clients see an empty list as null (no elements on the wire). */
    static List<String> names() throws CairnFault {
        List<SoapVm> vms = client.list();
        return vms == null ? List.of() : vms.stream().map(vm -> vm.spec.name).toList();
    }

    static SoapVmSpec spec(String name) {
        SoapVmSpec spec = new SoapVmSpec();
        spec.name = name;
        spec.tenant = "acme";
        spec.vcpus = 2;
        spec.memoryMiB = 512L;
        spec.nics.add(new SoapNic("lan", "02:00:00:12:34:56", null));
        spec.nics.add(new SoapNic("dmz", null, null));
        spec.boot = new SoapBoot("debian/vmlinuz", "initrd.gz", "console=ttyS0");
        spec.ha = true;
        return spec;
    }

    @Test
    void lifecycleRoundTrip() throws Exception {
        assertTrue(names().isEmpty());
        SoapVm created = client.create(spec("web1"));
        assertEquals("web1", created.spec.name);
        assertEquals("acme", created.spec.tenant);
        assertEquals(2, created.spec.vcpus);
        assertEquals(512L, created.spec.memoryMiB);
        assertEquals(2, created.spec.nics.size());
        assertEquals("02:00:00:12:34:56", created.spec.nics.get(0).mac);
        assertNotNull(created.spec.nics.get(1).mac);
        assertEquals("debian/vmlinuz", created.spec.boot.kernel);
        assertEquals(Boolean.TRUE, created.spec.ha);
        assertNull(created.spec.node);
        assertEquals("stopped", created.power);
        assertEquals("stopped", created.state);
        assertEquals("2025-01-02T03:04:05Z", created.created.toString());
        assertEquals("node1", created.ownerNode);
        assertEquals(1L, created.ownerEpoch);

        assertEquals(created.id, client.get("web1").id);
        assertEquals(List.of("web1"), names());

        SoapTask start = client.start("web1");
        assertEquals("vm.start", start.kind);
        assertEquals("web1", start.target);
        assertEquals("queued", start.state);
        assertEquals("running", client.get("web1").power);
        assertEquals("vm.reboot", client.reboot("web1").kind);
        assertEquals("vm.stop", client.stop("web1").kind);
        assertEquals("vm.start", client.start("web1").kind);
        assertEquals("vm.destroy", client.destroy("web1").kind);
        SoapTask delete = client.delete("web1", null);
        assertEquals("vm.delete", delete.kind);
        assertTrue(names().isEmpty());
        assertEquals(6, client.tasks().size());
        assertEquals("vm.delete", client.tasks().get(0).kind);
        assertEquals(delete.id, client.task(delete.id).id);
    }

    @Test
    void aCreateCarriesDisksEmptyOrClonedFromAnImageAndTheVmShowsThem() throws Exception {
        SoapVmSpec data = spec("db1");
        data.disks.add(disk("data", "tank", 1024L, null));
        data.disks.add(disk("logs", "tank", 64L, null));
        SoapVm created = client.create(data);
        assertEquals(2, created.spec.disks.size());
        assertEquals("tank", created.spec.disks.get(0).pool);
        assertEquals(1024L, created.spec.disks.get(0).sizeMiB);
        assertEquals(List.of(new io.cairn.api.compute.VmDisk("data", "tank", 1024),
                new io.cairn.api.compute.VmDisk("logs", "tank", 64)), services.vm("db1").orElseThrow().vm().spec().disks());

        SoapVmSpec fromImage = spec("web3");
        fromImage.boot = null;
        fromImage.disks.add(disk("root", null, 64L, "alpine"));
        SoapVm booted = client.create(fromImage);
        assertNull(booted.spec.boot);
        assertEquals("alpine", booted.spec.disks.get(0).image);
        assertTrue(services.vm("web3").orElseThrow().vm().spec().bootsFromDisk());
    }

    @Test
    void badDisksAreInvalidFaultsAndNothingIsCreated() {
        SoapVmSpec spec = spec("db2");
        spec.disks.add(disk("data", "tank", 0L, null));
        assertFault("invalid", "sizeMiB must be between 1", () -> client.create(spec));
        spec.disks.set(0, disk("data", "tank", null, null));
        assertFault("invalid", "sizeMiB is required", () -> client.create(spec));
        spec.disks.set(0, disk("data", "a b", 8L, null));
        assertFault("invalid", "pool name", () -> client.create(spec));
        spec.disks.set(0, disk("data", "tank", 8L, null));
        spec.disks.add(disk("data", "tank", 8L, null));
        assertFault("invalid", "used twice", () -> client.create(spec));
        spec.disks.set(1, disk("logs", null, 8L, null));
        assertFault("invalid", "name the pool on every disk or on none", () -> client.create(spec));
        spec.disks.clear();
        spec.disks.add(disk("root", "tank", 64L, "alpine"));
        assertFault("invalid", "boot must be absent", () -> client.create(spec));
        assertTrue(services.vms().isEmpty());
    }

    private static SoapDisk disk(String name, String pool, Long sizeMiB, String image) {
        SoapDisk d = new SoapDisk();
        d.name = name;
        d.pool = pool;
        d.sizeMiB = sizeMiB;
        d.image = image;
        return d;
    }

    @Test
    void apiFailuresAreFaultsWithCodeAndMessage() throws Exception {
        assertFault("not_found", "no VM named 'ghost'", () -> client.get("ghost"));
        assertFault("not_found", "ghost", () -> client.start("ghost"));
        assertFault("not_found", "nope", () -> client.task("nope"));
        assertFault("not_found", "Web1", () -> client.get("Web1"));
        assertFault("not_found", "../x", () -> client.delete("../x", null));
        client.create(spec("web1"));
        assertFault("conflict", "already exists", () -> client.create(spec("web1")));
        assertFault("conflict", "already stopped", () -> client.stop("web1"));
        services.unavailable(true);
        assertFault("unavailable", "quorum", () -> client.list());
    }

    @Test
    void missingVmServicesAreUnavailableFaults() {
        services.present(false);
        assertFault("unavailable", "not available", () -> client.list());
        assertFault("unavailable", "not available", () -> client.create(spec("web1")));
        assertFault("unavailable", "not available", () -> client.tasks());
    }

    @Test
    void refusedSpecsAreInvalidFaults() {
        SoapVmSpec spec = spec("web2");
        spec.vcpus = 0;
        assertFault("invalid", "vcpus must be between 1 and 256", () -> client.create(spec));
        spec.vcpus = null;
        assertFault("invalid", "vcpus is required", () -> client.create(spec));
        spec.vcpus = 1;
        spec.memoryMiB = -1L;
        assertFault("invalid", "memoryMiB", () -> client.create(spec));
        spec.memoryMiB = 1L << 20;
        assertFault("invalid", "no node has", () -> client.create(spec));
        spec.memoryMiB = 64L;
        spec.name = "Bad Name";
        assertFault("invalid", "name must be a DNS label", () -> client.create(spec));
        spec.name = "web2";
        spec.nics.get(0).mac = "01:00:5e:00:00:01";
        assertFault("invalid", "multicast", () -> client.create(spec));
        spec.nics.get(0).mac = null;
        spec.boot.kernel = "../x";
        assertFault("invalid", "boot.kernel", () -> client.create(spec));
        spec.boot.kernel = "/etc/passwd";
        assertFault("invalid", "boot.kernel", () -> client.create(spec));
        spec.boot = null;
        assertFault("invalid", "boot is required", () -> client.create(spec));
        assertFault("invalid", "spec is required", () -> client.create(null));
    }

    private static void assertFault(String code, String messagePart, Executable call) {
        CairnFault fault = assertThrows(CairnFault.class, call);
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getMessage());
        assertTrue(fault.getMessage().contains(messagePart), fault.getMessage());
        assertTrue(fault.getFaultInfo().getMessage().contains(messagePart), fault.getFaultInfo().getMessage());
    }

    @Test
    void callsWithoutOrWithWrongCredentialsAre401() throws Exception {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<v:listVms xmlns:v=\"" + VmSoapService.NS + "\"/></s:Body></s:Envelope>";
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("Basic realm=\"cairn\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(anonymous.body().contains("Fault") && anonymous.body().contains("authentication required"),
                anonymous.body());

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "text/xml; charset=utf-8").header("Authorization", BasicAuth.header("admin", "nope"))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode(), wrong.body());

        HttpResponse<String> good = http.send(HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Authorization", BasicAuth.header())
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(good.body().contains("listVmsResponse"), good.body());

        assertThrows(WebServiceException.class, () -> client(null, null).list());
        assertThrows(WebServiceException.class, () -> client("admin", "nope").list());
    }

    @Test
    void wsdlIsServedToAuthenticatedCallers() throws Exception {
        HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(URI.create(address + "?wsdl"))
                .header("Authorization", BasicAuth.header()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        for (String part : List.of("wsdl:definitions", "name=\"VmService\"", "listVms", "getVm", "createVm", "startVm",
                "stopVm", "rebootVm", "destroyVm", "deleteVm", "listTasks", "getTask", "cairnFault", "memoryMiB",
                "xs:dateTime", "soap:address location=\"" + address + "\"")) {
            assertTrue(wsdl.body().contains(part), "WSDL lacks " + part);
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(address + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }
}
