package io.cairn.api.network;

import io.cairn.api.common.DnsLabel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The EDGE router of a routed network: the network's gateway (its subnet's first host address) on
 * one side, an address on the uplink on the other, NAT of the network's traffic to the uplink
 * address, and port forwards from the uplink into the network.
 *
 * @param network        the network (an overlay network with a subnet); the EDGE is named after it
 * @param uplinkAddress  the EDGE's address on the uplink, IPv4 CIDR (e.g. 192.0.2.10/24)
 * @param uplinkGateway  the uplink's next hop for traffic leaving the network
 * @param nat            source NAT of the network to the uplink address
 * @param forwards       port forwards, at most {@value #MAX_FORWARDS}, distinct by protocol and port
 */
public record EdgeSpec(String network, String uplinkAddress, String uplinkGateway, boolean nat,
                       List<PortForward> forwards) {
    public static final int MAX_FORWARDS = 256;

    public EdgeSpec {
        DnsLabel.require(network, "network");
        if (uplinkAddress == null || !uplinkAddress.contains("/")) {
            throw new IllegalArgumentException("uplinkAddress must be IPv4 CIDR like 192.0.2.10/24, was '"
                    + DnsLabel.printable(uplinkAddress) + "'");
        }
        String[] parts = uplinkAddress.trim().split("/", 2);
        int address = Ipv4Subnet.address(parts[0], "uplinkAddress");
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("uplinkAddress prefix must be a number, was '"
                    + DnsLabel.printable(parts[1]) + "'", e);
        }
        Ipv4Subnet uplink = new Ipv4Subnet(prefix < 1 || prefix > 32 ? -1 : address & (int) (0xffffffffL << (32 - prefix)), prefix);
        uplinkAddress = Ipv4Subnet.format(address) + "/" + prefix;
        int gw = Ipv4Subnet.address(uplinkGateway, "uplinkGateway");
        if (!uplink.containsHost(gw)) {
            throw new IllegalArgumentException("uplinkGateway " + Ipv4Subnet.format(gw) + " is not on the uplink " + uplink);
        }
        uplinkGateway = Ipv4Subnet.format(gw);
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        if (forwards.size() > MAX_FORWARDS) {
            throw new IllegalArgumentException("at most " + MAX_FORWARDS + " port forwards, got " + forwards.size());
        }
        Set<String> ids = new HashSet<>();
        for (PortForward f : forwards) {
            if (!ids.add(f.id())) {
                throw new IllegalArgumentException("port " + f.protocol() + "/" + f.port() + " is forwarded twice");
            }
        }
    }

    /** The uplink address without its prefix. */
    public String uplinkIp() {
        return uplinkAddress.substring(0, uplinkAddress.indexOf('/'));
    }

    public EdgeSpec withForwards(List<PortForward> next) {
        return new EdgeSpec(network, uplinkAddress, uplinkGateway, nat, next);
    }
}
