package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.network.Ipv4Subnet;

/**
 * A virtual NIC: the network it joins, its MAC, which stays the same for the VM's life, and
 * optionally a fixed address (the network's DHCP hands it out as a fixed lease).
 *
 * @param network name of the virtual network
 * @param mac     unicast MAC; a random locally administered one is generated when absent
 * @param address fixed IPv4 address in the network's subnet; optional (DHCP picks one)
 */
public record NicSpec(String network, String mac, String address) {
    public NicSpec {
        DnsLabel.require(network, "nic network");
        mac = mac == null ? MacAddress.random() : MacAddress.require(mac);
        address = address == null || address.isBlank() ? null
                : Ipv4Subnet.format(Ipv4Subnet.address(address, "nic address"));
    }

    public NicSpec(String network, String mac) {
        this(network, mac, null);
    }
}
