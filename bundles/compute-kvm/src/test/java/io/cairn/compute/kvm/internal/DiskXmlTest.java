package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.DomainRequest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskXmlTest {
    private static DomainRequest withDisks(List<DomainDisk> disks) {
        DomainRequest r = Requests.request("db", "n1", 3);
        return new DomainRequest(r.vm(), r.owner(), r.epoch(), r.kernel(), r.initrd(), r.consoleLog(), disks, List.of());
    }

    @Test
    void poolVolumesAreRawVirtioDisksWithoutHostCacheInTheirOrder() throws Exception {
        Path file = Path.of("/var/lib/cairn/pools/tank/vols/id-data/disk.img");
        Document doc = DomainXmlBuilderTest.parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(withDisks(List.of(
                new DomainDisk(file, "virtio", false), new DomainDisk(Path.of("/dev/zvol/tank/vols/id-log"), "virtio", true)))));
        NodeList disks = doc.getElementsByTagName("disk");
        assertEquals(2, disks.getLength());
        Element first = (Element) disks.item(0);
        assertEquals("file", first.getAttribute("type"));
        assertEquals("disk", first.getAttribute("device"));
        Element driver = (Element) first.getElementsByTagName("driver").item(0);
        assertEquals("qemu raw none native", driver.getAttribute("name") + " " + driver.getAttribute("type") + " "
                + driver.getAttribute("cache") + " " + driver.getAttribute("io"));
        assertEquals(file.toString(), ((Element) first.getElementsByTagName("source").item(0)).getAttribute("file"));
        Element target = (Element) first.getElementsByTagName("target").item(0);
        assertEquals("vda virtio", target.getAttribute("dev") + " " + target.getAttribute("bus"));
        assertEquals(0, first.getElementsByTagName("readonly").getLength());

        Element second = (Element) disks.item(1);
        assertEquals("block", second.getAttribute("type"));
        assertEquals("/dev/zvol/tank/vols/id-log", ((Element) second.getElementsByTagName("source").item(0)).getAttribute("dev"));
        assertEquals("vdb", ((Element) second.getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals(1, second.getElementsByTagName("readonly").getLength());
    }

    @Test
    void aBusTheDriverDoesNotAttachIsRefusedNamingTheOnesItDoes() {
        DomainRequest r = withDisks(List.of(new DomainDisk(Path.of("/d.img"), "nvme", false)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DomainXmlBuilder("qemu", NicAttachment.USER).build(r));
        assertTrue(e.getMessage().contains("virtio or sata"), e.getMessage());
    }

    @Test
    void withoutDisksTheDomainHasNone() throws Exception {
        Document doc = DomainXmlBuilderTest.parse(new DomainXmlBuilder("qemu", NicAttachment.USER)
                .build(Requests.request("db", "n1", 3)));
        assertEquals(0, doc.getElementsByTagName("disk").getLength());
    }
}
