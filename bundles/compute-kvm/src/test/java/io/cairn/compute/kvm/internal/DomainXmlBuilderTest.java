package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainRequest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainXmlBuilderTest {
    static final String HOSTILE_CMDLINE = "console=ttyS0 x=\"a'b\" </cmdline><kernel>/etc/shadow</kernel> & ]]> &amp;";

    static Document parse(String xml) throws Exception {
        return Xml.secureFactory().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static String text(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    @Test
    void buildsATransientDirectBootDomain() throws Exception {
        UUID id = UUID.randomUUID();
        DomainRequest r = Requests.request(id, "web-1", "node1", 7, HOSTILE_CMDLINE,
                Path.of("/var/lib/cairn/images/vm linuz&<"), null, 256, 2);
        Document doc = parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(r));
        Element domain = doc.getDocumentElement();
        assertEquals("qemu", domain.getAttribute("type"));
        assertEquals("cairn-web-1", text(doc, "name"));
        assertEquals(id.toString(), text(doc, "uuid"));
        assertEquals("256", text(doc, "memory"));
        assertEquals("MiB", ((Element) doc.getElementsByTagName("memory").item(0)).getAttribute("unit"));
        assertEquals("2", text(doc, "vcpu"));
        Element type = (Element) doc.getElementsByTagName("type").item(0);
        assertEquals("hvm", type.getTextContent());
        assertEquals("x86_64", type.getAttribute("arch"));
        assertEquals("pc", type.getAttribute("machine"));
        assertEquals(HOSTILE_CMDLINE, text(doc, "cmdline"));
        assertEquals("/var/lib/cairn/images/vm linuz&<", text(doc, "kernel"));
        assertEquals(1, doc.getElementsByTagName("kernel").getLength());
        assertNull(text(doc, "initrd"));
        assertEquals("destroy", text(doc, "on_poweroff"));
        assertEquals("restart", text(doc, "on_reboot"));
        assertEquals(1, doc.getElementsByTagName("acpi").getLength());

        NodeList nics = doc.getElementsByTagName("interface");
        assertEquals(2, nics.getLength());
        Element nic = (Element) nics.item(0);
        assertEquals("user", nic.getAttribute("type"));
        assertEquals("52:54:00:12:34:56", ((Element) nic.getElementsByTagName("mac").item(0)).getAttribute("address"));
        assertEquals("virtio", ((Element) nic.getElementsByTagName("model").item(0)).getAttribute("type"));
        assertEquals(r.nics().get(1).mac(),
                ((Element) ((Element) nics.item(1)).getElementsByTagName("mac").item(0)).getAttribute("address"));

        Element serial = (Element) doc.getElementsByTagName("serial").item(0);
        assertEquals("pty", serial.getAttribute("type"));
        Element log = (Element) serial.getElementsByTagName("log").item(0);
        assertEquals(r.consoleLog().toString(), log.getAttribute("file"));
        assertEquals("on", log.getAttribute("append"));
        assertEquals("pty", ((Element) doc.getElementsByTagName("console").item(0)).getAttribute("type"));
        assertEquals("virtio", ((Element) doc.getElementsByTagName("memballoon").item(0)).getAttribute("model"));
        assertEquals("virtio", ((Element) doc.getElementsByTagName("rng").item(0)).getAttribute("model"));
        assertEquals(0, doc.getElementsByTagName("autostart").getLength());

        NodeList md = doc.getElementsByTagNameNS(CairnMetadata.NAMESPACE, CairnMetadata.ELEMENT);
        assertEquals(1, md.getLength());
        assertEquals("metadata", md.item(0).getParentNode().getNodeName());
        assertEquals("node1", ((Element) md.item(0)).getAttribute("owner"));
        assertEquals("7", ((Element) md.item(0)).getAttribute("epoch"));
    }

    @Test
    void initrdAndTypeFollowTheRequest() throws Exception {
        DomainRequest r = Requests.request("a", "n", 1);
        Document doc = parse(new DomainXmlBuilder("kvm", NicAttachment.USER).build(r));
        assertEquals("kvm", doc.getDocumentElement().getAttribute("type"));
        assertEquals("/images/initrd.img", text(doc, "initrd"));
    }

    @Test
    void aConfiguredEmulatorIsTheFirstDeviceAndNoneLeavesLibvirtsDefault() throws Exception {
        DomainRequest r = Requests.request("a", "n", 1);
        Document wrapped = parse(new DomainXmlBuilder("qemu", NicAttachment.USER, "/opt/qemu/wrapper").build(r));
        Element devices = (Element) wrapped.getElementsByTagName("devices").item(0);
        Element first = (Element) devices.getElementsByTagName("*").item(0);
        assertEquals("emulator", first.getTagName());
        assertEquals("/opt/qemu/wrapper", first.getTextContent());
        assertEquals(0, parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(r))
                .getElementsByTagName("emulator").getLength());
    }

    @Test
    void anEmulatorThatIsNotAnAbsolutePathIsRefusedWithTheSetting() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new KvmSettings("qemu:///system", java.time.Duration.ZERO, java.time.Duration.ofMillis(1), "auto",
                        "qemu-wrapper"));
        assertTrue(e.getMessage().contains("emulator must be an absolute path"), e.getMessage());
    }

    @Test
    void nicAttachmentIsPluggable() throws Exception {
        NicAttachment bridge = (iface, nic) -> {
            iface.setAttribute("type", "bridge");
            Element source = iface.getOwnerDocument().createElement("source");
            source.setAttribute("bridge", "br-" + nic.network());
            iface.appendChild(source);
        };
        Document doc = parse(new DomainXmlBuilder("qemu", bridge).build(Requests.request("a", "n", 1)));
        Element nic = (Element) doc.getElementsByTagName("interface").item(0);
        assertEquals("bridge", nic.getAttribute("type"));
        assertEquals("br-default", ((Element) nic.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertFalse(nic.getElementsByTagName("mac").getLength() == 0);
        assertThrows(IllegalStateException.class,
                () -> new DomainXmlBuilder("qemu", (iface, n) -> { }).build(Requests.request("a", "n", 1)));
    }
}
