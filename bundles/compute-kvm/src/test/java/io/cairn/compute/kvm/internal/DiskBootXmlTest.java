package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.PowerState;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A VM whose first disk was cloned from an image boots from that disk: no kernel, {@code <boot dev='hd'/>}. */
class DiskBootXmlTest {
    @Test
    void aDomainWithoutAKernelBootsItsFirstDisk() throws Exception {
        VmSpec spec = new VmSpec("img", null, 1, 128, List.of(), null, null, false, null,
                List.of(new VmDisk("root", "tank", 64, "debian"), new VmDisk("data", "tank", 8)));
        Vm vm = new Vm(UUID.randomUUID(), spec, PowerState.RUNNING, java.time.Instant.now());
        DomainRequest r = new DomainRequest(vm, "n1", 3, null, null, Path.of("/tmp/img.log"),
                List.of(new DomainDisk(Path.of("/p/tank/vols/a-root/disk.img"), "virtio", false),
                        new DomainDisk(Path.of("/p/tank/vols/a-data/disk.img"), "virtio", false)), List.of());
        Document doc = DomainXmlBuilderTest.parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(r));
        assertNull(DomainXmlBuilderTest.text(doc, "kernel"));
        assertNull(DomainXmlBuilderTest.text(doc, "initrd"));
        assertNull(DomainXmlBuilderTest.text(doc, "cmdline"));
        Element os = (Element) doc.getElementsByTagName("os").item(0);
        assertEquals("hd", ((Element) os.getElementsByTagName("boot").item(0)).getAttribute("dev"));
        Element first = (Element) doc.getElementsByTagName("disk").item(0);
        assertEquals("vda", ((Element) first.getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals("/p/tank/vols/a-root/disk.img",
                ((Element) first.getElementsByTagName("source").item(0)).getAttribute("file"));
    }
}
