package io.cairn.sdn.geneve.internal;

import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.Ipv4Subnet;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.PortForward;

import java.util.ArrayList;
import java.util.List;

/**
 * The OVN rows of an EDGE router, as {@code ovn-nbctl} arguments: a logical router
 * {@code cairn-edge-<net>} with a port on the network's switch (the gateway address, the DHCP
 * server's MAC) and a port on the shared uplink switch {@code cairn-uplink} (a localnet port on the
 * trunk), that port's gateway chassis = the EDGE's owner, SNAT of the subnet to the uplink address, a
 * default route to the uplink gateway, and a load balancer per port forward. The router carries the
 * owner's epoch in {@code external_ids:cairn-epoch}.
 */
final class EdgeRouters {
    static final String UPLINK = "cairn-uplink";
    static final String EDGE_ID = "cairn-edge";
    static final String EPOCH = "cairn-epoch";

    private EdgeRouters() {
    }

    static String router(String network) {
        return "cairn-edge-" + network;
    }

    static String inside(String network) {
        return router(network) + "-in";
    }

    static String outside(String network) {
        return router(network) + "-out";
    }

    static String forwardName(String network, PortForward f) {
        return "cairn-fwd-" + network + "-" + f.id();
    }

    static List<String> uplinkSwitch(String physicalNetwork) {
        String ln = UPLINK + "-ln";
        return List.of("--may-exist", "ls-add", UPLINK, "--", "--may-exist", "lsp-add", UPLINK, ln,
                "--", "lsp-set-type", ln, "localnet", "--", "lsp-set-addresses", ln, "unknown",
                "--", "lsp-set-options", ln, "network_name=" + physicalNetwork);
    }

    static List<String> epoch(String network) {
        return List.of("--if-exists", "get", "logical_router", router(network), "external_ids:" + EPOCH);
    }

    /** Router, its two ports and their switch ports, route and NAT; idempotent. */
    static List<String> router(NetworkSpec network, EdgeSpec edge, long epoch) {
        String net = network.name();
        String lr = router(net);
        Ipv4Subnet subnet = network.ipv4Subnet();
        String swPort = LogicalSwitches.switchName(net) + "-edge";
        String upPort = UPLINK + "-" + net;
        List<String> args = new ArrayList<>(List.of(
                "--may-exist", "lr-add", lr, "--", "set", "logical_router", lr, "external_ids:" + EDGE_ID + "=" + net,
                "external_ids:" + EPOCH + "=" + epoch,
                "--", "--may-exist", "lrp-add", lr, inside(net), LogicalSwitches.serverMac(net),
                subnet.gatewayAddress() + "/" + subnet.prefix(),
                "--", "--may-exist", "lsp-add", LogicalSwitches.switchName(net), swPort,
                "--", "lsp-set-type", swPort, "router", "--", "lsp-set-addresses", swPort, "router",
                "--", "lsp-set-options", swPort, "router-port=" + inside(net),
                "--", "--may-exist", "lrp-add", lr, outside(net), uplinkMac(net), edge.uplinkAddress(),
                "--", "--may-exist", "lsp-add", UPLINK, upPort,
                "--", "lsp-set-type", upPort, "router", "--", "lsp-set-addresses", upPort, "router",
                "--", "lsp-set-options", upPort, "router-port=" + outside(net),
                "--", "--may-exist", "lr-route-add", lr, "0.0.0.0/0", edge.uplinkGateway()));
        // one transaction sees the rows as they were before it: a delete and an add of the same NAT
        // in it collide, so NAT is either ensured or removed
        if (edge.nat()) {
            args.addAll(List.of("--", "--may-exist", "lr-nat-add", lr, "snat", edge.uplinkIp(), subnet.toString()));
        } else {
            args.addAll(List.of("--", "--if-exists", "lr-nat-del", lr, "snat"));
        }
        return args;
    }

    static List<String> gatewayChassis(String network) {
        return List.of("lrp-get-gateway-chassis", outside(network));
    }

    static List<String> setGateway(String network, String node) {
        return List.of("lrp-set-gateway-chassis", outside(network), node, "10");
    }

    static List<String> forwards(String network) {
        return List.of("--bare", "--columns=name", "find", "load_balancer", "external_ids:" + EDGE_ID + "=" + network);
    }

    static List<String> addForward(EdgeSpec edge, PortForward f) {
        String name = forwardName(edge.network(), f);
        // --may-exist replaces the backend of an existing VIP
        return List.of("--may-exist", "lb-add", name, edge.uplinkIp() + ":" + f.port(),
                f.target() + ":" + f.targetPort(), f.protocol(),
                "--", "set", "load_balancer", name, "external_ids:" + EDGE_ID + "=" + edge.network(),
                "--", "--may-exist", "lr-lb-add", router(edge.network()), name);
    }

    static List<String> removeRouter(String network) {
        return List.of("--if-exists", "lr-del", router(network),
                "--", "--if-exists", "lsp-del", LogicalSwitches.switchName(network) + "-edge",
                "--", "--if-exists", "lsp-del", UPLINK + "-" + network);
    }

    /** A stable, locally administered MAC for the EDGE's uplink port. */
    static String uplinkMac(String network) {
        String m = LogicalSwitches.serverMac("uplink/" + network);
        return "02:cb" + m.substring(5);
    }
}
