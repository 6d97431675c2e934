package io.cairn.api.network;

import java.util.Locale;

/**
 * A port forward of an EDGE router: connections to {@code port} on the EDGE's uplink address go to
 * {@code targetPort} of {@code target}, an address in the network.
 *
 * @param protocol   {@code tcp} or {@code udp}
 * @param port       the uplink port, 1 to 65535
 * @param target     IPv4 host address in the network's subnet
 * @param targetPort the port on the target, 1 to 65535
 */
public record PortForward(String protocol, int port, String target, int targetPort) {
    public PortForward {
        protocol = protocol == null ? "" : protocol.toLowerCase(Locale.ROOT).trim();
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol must be tcp or udp, was '"
                    + io.cairn.api.common.DnsLabel.printable(protocol) + "'");
        }
        requirePort(port, "port");
        requirePort(targetPort, "targetPort");
        target = Ipv4Subnet.format(Ipv4Subnet.address(target, "target"));
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 1 and 65535, was " + port);
        }
    }

    /** A short id: {@code tcp-8080}. */
    public String id() {
        return protocol + "-" + port;
    }
}
