package io.cairn.soap.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.testing.CxfServlet;
import io.cairn.testing.InMemoryServices;
import io.cairn.testing.InMemoryVmSnapshots;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VM snapshot operations of the VM SOAP service over HTTP, against the in-memory services. */
class VmSnapshotSoapTest {
    private static final InMemoryServices services = new InMemoryServices();
    private static final InMemoryVmSnapshots snapshots = new InMemoryVmSnapshots(services);
    private static CxfServlet servlet;
    private static Server endpoint;
    private static VmSoapService client;

    @BeforeAll
    static void start() throws Exception {
        servlet = CxfServlet.start();
        endpoint = SoapServer.publish(servlet.bus(), SoapServer.ADDRESS, services::whenPresent, services::whenPresent,
                services::whenPresent, services, () -> snapshots);
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(VmSoapService.class);
        factory.setAddress(servlet.url(SoapServer.ADDRESS));
        factory.setUsername(InMemoryServices.USER);
        factory.setPassword(InMemoryServices.PASSWORD);
        client = (VmSoapService) factory.create();
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.destroy();
        servlet.close();
    }

    @BeforeEach
    void reset() {
        services.reset();
        snapshots.reset();
        services.create(new VmSpec("db", null, 1, 128, List.of(new NicSpec("lan", "52:54:00:aa:bb:01")),
                new BootSpec("vmlinuz", null, null), null, false, null, List.of(new VmDisk("data", "tank", 64))));
    }

    private static void assertFault(String code, String messagePart, Executable call) {
        CairnFault fault = assertThrows(CairnFault.class, call);
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getMessage());
        assertTrue(fault.getFaultInfo().getMessage().contains(messagePart), fault.getFaultInfo().getMessage());
    }

    @Test
    void snapshotListGetRollbackCloneAndDelete() throws Exception {
        assertEquals("snapshot.snapshot", client.snapshot("db", "s1").kind);
        assertFault("conflict", "already has a snapshot", () -> client.snapshot("db", "s1"));
        assertFault("invalid", "no '@', '/' or space", () -> client.snapshot("db", "a b"));
        List<SoapVmSnapshot> all = client.snapshots("db");
        assertEquals(1, all.size());
        SoapVmSnapshot s1 = client.snapshotOf("db", "s1");
        assertEquals("52:54:00:aa:bb:01", s1.spec.nics.get(0).mac);
        assertEquals("data", s1.disks.get(0).name);
        assertFault("not_found", "no snapshot named", () -> client.snapshotOf("db", "nope"));
        assertEquals("snapshot.rollback", client.rollback("db", "s1").kind);
        assertEquals("snapshot.clone", client.cloneVm("db", "db2", "s1").kind);
        assertNotEquals("52:54:00:aa:bb:01", client.get("db2").spec.nics.get(0).mac);
        assertFault("conflict", "clones depend on it", () -> client.deleteSnapshot("db", "s1"));
        client.delete("db2", true);
        assertEquals(List.of("db2"), services.keptDisks());
    }
}
