package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.NicSpec;
import org.w3c.dom.Element;

/**
 * How a NIC is attached on the host: sets the {@code type} of a libvirt {@code <interface>} and adds
 * its source elements, for NICs without a network port. The builder adds the MAC and the virtio model
 * itself; NICs on a Cairn network are Open vSwitch ports ({@link OvsPortXml}).
 */
@FunctionalInterface
public interface NicAttachment {
    void attach(Element iface, NicSpec nic);

    /** QEMU user-mode networking (SLIRP): no host set-up, the guest gets NAT to the host only. */
    NicAttachment USER = (iface, nic) -> iface.setAttribute("type", "user");
}
