package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;

/**
 * A virtual NIC: the network it joins and its MAC, which stays the same for the VM's life.
 *
 * @param network name of the virtual network
 * @param mac     unicast MAC; a random locally administered one is generated when absent
 */
public record NicSpec(String network, String mac) {
    public NicSpec {
        DnsLabel.require(network, "nic network");
        mac = mac == null ? MacAddress.random() : MacAddress.require(mac);
    }
}
