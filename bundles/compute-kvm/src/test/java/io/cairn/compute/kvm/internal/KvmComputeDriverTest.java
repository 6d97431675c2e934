package io.cairn.compute.kvm.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.libvirt.Domain;
import org.w3c.dom.Document;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver against libvirt's in-process test driver; its state lives in this class's one connection. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvmComputeDriverTest {
    private KvmComputeDriver driver;

    @BeforeAll
    void open() {
        driver = new KvmComputeDriver(new KvmSettings("test:///default", Duration.ofSeconds(5),
                Duration.ofMillis(20), "auto"));
    }

    @AfterAll
    void close() {
        driver.close();
    }

    private Optional<DomainInfo> listed(UUID id) {
        return driver.domains().stream().filter(d -> d.vmId().equals(id)).findFirst();
    }

    @Test
    void usesTheTypeTheTestDriverAdvertises() {
        assertEquals("test", driver.virtType());
        assertEquals("kvm", driver.type());
    }

    @Test
    void startedDomainIsListedWithOwnerAndEpoch() {
        DomainRequest r = Requests.request("web-1", "node1", 7);
        driver.start(r);
        DomainInfo info = listed(r.vm().id()).orElseThrow();
        assertEquals("cairn-web-1", info.name());
        assertEquals(DomainState.RUNNING, info.state());
        assertEquals("node1", info.owner());
        assertEquals(7, info.epoch());
        assertEquals(Optional.of(info), driver.domain(r.vm().id()));
        // the test driver's own persistent domain "test" has no Cairn metadata
        assertTrue(driver.domains().stream().noneMatch(d -> d.name().equals("test")));
        driver.destroy(r.vm().id());
    }

    @Test
    void countersOfARunningDomainOnlyAndOfCairnDomainsOnly() {
        DomainRequest r = Requests.request("stats-1", "node1", 2);
        assertEquals(Optional.empty(), driver.stats(r.vm().id()));
        driver.start(r);
        io.cairn.api.compute.DomainStats stats = driver.stats(r.vm().id()).orElseThrow();
        assertEquals(r.vm().spec().vcpus(), stats.vcpus());
        assertEquals(r.vm().spec().memoryMiB() * 1024, stats.memoryKiB());
        assertTrue(stats.cpuTimeNanos() >= 0);
        driver.destroy(r.vm().id());
        assertEquals(Optional.empty(), driver.stats(r.vm().id()));
    }

    @Test
    void startIsIdempotentAndFollowsTheEpoch() {
        DomainRequest r = Requests.request("db-1", "node1", 3);
        driver.start(r);
        driver.start(r);
        assertEquals(1, driver.domains().stream().filter(d -> d.vmId().equals(r.vm().id())).count());
        DomainRequest newer = new DomainRequest(r.vm(), "node2", 4, r.kernel(), r.initrd(), r.consoleLog());
        driver.start(newer);
        DomainInfo info = driver.domain(r.vm().id()).orElseThrow();
        assertEquals("node2", info.owner());
        assertEquals(4, info.epoch());
        ConflictException stale = assertThrows(ConflictException.class, () -> driver.start(r));
        assertTrue(stale.getMessage().contains("stale epoch 3"), stale.getMessage());
        driver.destroy(r.vm().id());
    }

    @Test
    void domainIsTransient() throws Exception {
        DomainRequest r = Requests.request("tr-1", "node1", 1);
        driver.start(r);
        boolean persistent = driver.session().call("check", c -> {
            Domain d = c.domainLookupByUUIDString(r.vm().id().toString());
            try {
                return d.isPersistent() == 1 || d.getAutostart();
            } finally {
                d.free();
            }
        });
        assertFalse(persistent);
        driver.destroy(r.vm().id());
        assertEquals(Optional.empty(), driver.domain(r.vm().id()));
    }

    @Test
    void foreignDomainsAreInvisibleAndUntouchable() {
        UUID id = UUID.randomUUID();
        String xml = "<domain type='test'><name>foreign-1</name><uuid>" + id + "</uuid>"
                + "<memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>";
        driver.session().call("create foreign", c -> {
            c.domainCreateXML(xml, 0).free();
            return null;
        });
        assertTrue(driver.domains().stream().noneMatch(d -> d.vmId().equals(id)));
        assertEquals(Optional.empty(), driver.domain(id));
        ConflictException e = assertThrows(ConflictException.class, () -> driver.destroy(id));
        assertTrue(e.getMessage().contains("not managed by Cairn") && e.getMessage().contains("foreign-1"),
                e.getMessage());
        assertThrows(ConflictException.class, () -> driver.shutdown(id, Duration.ofSeconds(1)));
        assertThrows(ConflictException.class, () -> driver.reboot(id));
        // starting a VM whose UUID a foreign domain has is refused too
        DomainRequest clash = Requests.request(id, "clash", "node1", 1, null, Path.of("/k"), null, 64, 1);
        assertThrows(ConflictException.class, () -> driver.start(clash));
        boolean running = driver.session().call("check", c -> {
            Domain d = c.domainLookupByUUIDString(id.toString());
            try {
                return d.isActive() == 1;
            } finally {
                d.free();
            }
        });
        assertTrue(running, "the foreign domain must still run");
        driver.session().call("cleanup", c -> {
            Domain d = c.domainLookupByUUIDString(id.toString());
            d.destroy();
            d.free();
            return null;
        });
    }

    @Test
    void destroyAndShutdownAreIdempotent() {
        DomainRequest r = Requests.request("idem-1", "node1", 1);
        driver.start(r);
        driver.destroy(r.vm().id());
        driver.destroy(r.vm().id());
        driver.destroy(UUID.randomUUID());
        assertTrue(driver.shutdown(r.vm().id(), Duration.ofSeconds(1)), "absent domain: nothing to do");
        assertTrue(driver.shutdown(UUID.randomUUID(), null));

        driver.start(r);
        assertTrue(driver.shutdown(r.vm().id(), Duration.ofSeconds(5)), "the test driver shuts down at once");
        assertEquals(Optional.empty(), driver.domain(r.vm().id()));
        assertTrue(driver.shutdown(r.vm().id(), Duration.ofSeconds(5)));
    }

    @Test
    void rebootNeedsADomain() {
        assertThrows(NotFoundException.class, () -> driver.reboot(UUID.randomUUID()));
        DomainRequest r = Requests.request("rb-1", "node1", 1);
        driver.start(r);
        driver.reboot(r.vm().id());
        assertEquals(DomainState.RUNNING, driver.domain(r.vm().id()).orElseThrow().state());
        driver.destroy(r.vm().id());
    }

    @Test
    void hostileValuesRoundTripThroughLibvirt() throws Exception {
        String owner = "node\"1' <x>&amp; ]]>";
        UUID id = UUID.randomUUID();
        DomainRequest r = Requests.request(id, "hostile", owner, 5, DomainXmlBuilderTest.HOSTILE_CMDLINE,
                Path.of("/images/k&<\"'>"), Path.of("/images/i n"), 64, 1);
        driver.start(r);
        DomainInfo info = driver.domain(id).orElseThrow();
        assertEquals(owner, info.owner());
        String xml = driver.session().call("xml", c -> {
            Domain d = c.domainLookupByUUIDString(id.toString());
            try {
                return d.getXMLDesc(0);
            } finally {
                d.free();
            }
        });
        Document doc = DomainXmlBuilderTest.parse(xml);
        assertEquals(DomainXmlBuilderTest.HOSTILE_CMDLINE, DomainXmlBuilderTest.text(doc, "cmdline"));
        assertEquals("/images/k&<\"'>", DomainXmlBuilderTest.text(doc, "kernel"));
        assertEquals(List.of("cairn-hostile"), List.of(DomainXmlBuilderTest.text(doc, "name")));
        driver.destroy(id);
    }

    @Test
    void libvirtErrorsCarryLibvirtsMessage() {
        // a second VM with a different UUID but the same name clashes in libvirt
        DomainRequest a = Requests.request("same", "node1", 1);
        DomainRequest b = Requests.request("same", "node1", 1);
        driver.start(a);
        LibvirtCallException e = assertThrows(LibvirtCallException.class, () -> driver.start(b));
        assertTrue(e.getMessage().startsWith("starting domain cairn-same"), e.getMessage());
        assertTrue(e.getMessage().contains("already"), e.getMessage());
        driver.destroy(a.vm().id());
    }
}
