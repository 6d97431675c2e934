package io.cairn.api.network;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.compute.MacAddress;

import java.util.UUID;

/**
 * One NIC of a VM on a network, as the network backend needs it.
 *
 * @param vm      the VM's name
 * @param mac     the NIC's MAC (stays the same for the VM's life)
 * @param address a fixed IPv4 address in the network's subnet; null for one from DHCP
 */
public record NicBinding(String vm, String mac, String address) {
    public NicBinding {
        DnsLabel.require(vm, "vm");
        mac = MacAddress.require(mac);
    }

    /** The stable id of the NIC's port on a network: the same on every node and after failover. */
    public String portId(String network) {
        return UUID.nameUUIDFromBytes(("cairn-nic:" + network + "/" + mac).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
