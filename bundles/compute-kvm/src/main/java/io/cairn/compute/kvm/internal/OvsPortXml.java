package io.cairn.compute.kvm.internal;

import io.cairn.api.network.NicPort;
import org.w3c.dom.Element;

/**
 * A NIC on an Open vSwitch port: {@code <interface type='bridge'>} with the port's bridge,
 * {@code <virtualport type='openvswitch'>} (with the OVN logical port as {@code interfaceid}, which
 * libvirt writes to the port's {@code external_ids:iface-id}), the access VLAN tag and the MTU.
 */
final class OvsPortXml {
    private OvsPortXml() {
    }

    static void attach(Element iface, NicPort port) {
        iface.setAttribute("type", "bridge");
        child(iface, "source").setAttribute("bridge", port.bridge());
        Element virtualport = child(iface, "virtualport");
        virtualport.setAttribute("type", "openvswitch");
        if (port.interfaceId() != null) {
            child(virtualport, "parameters").setAttribute("interfaceid", port.interfaceId());
        }
        if (port.vlanTag() != null) {
            child(child(iface, "vlan"), "tag").setAttribute("id", String.valueOf(port.vlanTag()));
        }
        child(iface, "mtu").setAttribute("size", String.valueOf(port.mtu()));
        // no checksum or segmentation offload on the tap: a userspace-datapath bridge passes frames as
        // they are, and a partial checksum would reach the peer unfinished (TCP stalls)
        Element driver = child(iface, "driver");
        driver.setAttribute("name", "qemu");
        Element host = child(driver, "host");
        for (String feature : new String[]{"csum", "gso", "tso4", "tso6", "ecn", "ufo"}) {
            host.setAttribute(feature, "off");
        }
        Element guest = child(driver, "guest");
        for (String feature : new String[]{"csum", "tso4", "tso6", "ecn", "ufo"}) {
            guest.setAttribute(feature, "off");
        }
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }
}
