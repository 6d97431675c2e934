package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainRequest;
import io.cairn.api.network.NicPort;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OvsPortXmlTest {
    @Test
    void nicsWithAPortBecomeOpenVswitchPortsAndTheOthersStayUserMode() throws Exception {
        DomainRequest base = Requests.request("web-1", "n1", 3);
        String iface = UUID.nameUUIDFromBytes("x".getBytes()).toString();
        DomainRequest r = new DomainRequest(base.vm(), "n1", 3, base.kernel(), base.initrd(), base.consoleLog(), java.util.List.of(),
                Arrays.asList(new NicPort("br-int", iface, null, 8950), null));
        Document doc = DomainXmlBuilderTest.parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(r));
        Element ovs = (Element) doc.getElementsByTagName("interface").item(0);
        assertEquals("bridge", ovs.getAttribute("type"));
        assertEquals("br-int", ((Element) ovs.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        Element vport = (Element) ovs.getElementsByTagName("virtualport").item(0);
        assertEquals("openvswitch", vport.getAttribute("type"));
        assertEquals(iface, ((Element) vport.getElementsByTagName("parameters").item(0)).getAttribute("interfaceid"));
        assertEquals("8950", ((Element) ovs.getElementsByTagName("mtu").item(0)).getAttribute("size"));
        assertEquals("52:54:00:12:34:56", ((Element) ovs.getElementsByTagName("mac").item(0)).getAttribute("address"));
        assertEquals(0, ovs.getElementsByTagName("vlan").getLength());
        Element user = (Element) doc.getElementsByTagName("interface").item(1);
        assertEquals("user", user.getAttribute("type"));
    }

    @Test
    void aVlanPortCarriesItsAccessTag() throws Exception {
        DomainRequest base = Requests.request("web-2", "n1", 3);
        DomainRequest r = new DomainRequest(base.vm(), "n1", 3, base.kernel(), base.initrd(), base.consoleLog(), java.util.List.of(),
                Arrays.asList(new NicPort("br-phy", null, 100, 1500), new NicPort("cq300", null, 10, 1500)));
        Document doc = DomainXmlBuilderTest.parse(new DomainXmlBuilder("qemu", NicAttachment.USER).build(r));
        Element first = (Element) doc.getElementsByTagName("interface").item(0);
        assertEquals("100", ((Element) first.getElementsByTagName("tag").item(0)).getAttribute("id"));
        assertEquals(0, first.getElementsByTagName("parameters").getLength());
        Element second = (Element) doc.getElementsByTagName("interface").item(1);
        assertEquals("cq300", ((Element) second.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals("10", ((Element) second.getElementsByTagName("tag").item(0)).getAttribute("id"));
    }
}
