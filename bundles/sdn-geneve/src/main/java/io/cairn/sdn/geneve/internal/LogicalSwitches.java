package io.cairn.sdn.geneve.internal;

import io.cairn.api.network.Ipv4Subnet;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NicBinding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OVN northbound rows of an overlay network, as {@code ovn-nbctl} arguments: a logical switch
 * {@code cairn-<name>} (IPAM over its subnet, the first host address kept for the gateway), one
 * DHCP_Options row (OVN's native DHCP answers from the gateway address), and a logical port per NIC
 * named by the NIC's stable port id. Every row carries {@code external_ids:cairn-network}.
 */
final class LogicalSwitches {
    static final String NETWORK_ID = "cairn-network";
    static final String VM_ID = "cairn-vm";
    static final int LEASE_SECONDS = 3600;

    private LogicalSwitches() {
    }

    static String switchName(String network) {
        return "cairn-" + network;
    }

    static List<String> apply(NetworkSpec spec) {
        String sw = switchName(spec.name());
        List<String> args = new ArrayList<>(List.of("--may-exist", "ls-add", sw, "--", "set", "logical_switch", sw,
                "external_ids:" + NETWORK_ID + "=" + spec.name(), "other_config:mtu=" + spec.mtu()));
        Ipv4Subnet subnet = spec.ipv4Subnet();
        if (subnet != null) {
            args.add("other_config:subnet=" + subnet);
            args.add("other_config:exclude_ips=" + subnet.gatewayAddress());
        }
        if (spec.vni() != null) {
            args.add("other_config:requested-tnl-key=" + spec.vni());
        }
        return args;
    }

    static List<String> findDhcp(String network) {
        return List.of("--bare", "--columns=_uuid", "find", "dhcp_options", "external_ids:" + NETWORK_ID + "=" + network);
    }

    static List<String> createDhcp(NetworkSpec spec) {
        Ipv4Subnet subnet = spec.ipv4Subnet();
        String gw = subnet.gatewayAddress();
        return List.of("create", "dhcp_options", "cidr=" + subnet, "options:lease_time=" + LEASE_SECONDS,
                "options:router=" + gw, "options:server_id=" + gw, "options:server_mac=" + serverMac(spec.name()),
                "options:mtu=" + spec.mtu(), "external_ids:" + NETWORK_ID + "=" + spec.name());
    }

    static List<String> addPort(NetworkSpec spec, NicBinding nic, String dhcpUuid) {
        String sw = switchName(spec.name());
        String port = nic.portId(spec.name());
        String addresses = nic.mac() + (nic.address() != null ? " " + nic.address() : spec.subnet() != null ? " dynamic" : "");
        List<String> args = new ArrayList<>(List.of("--may-exist", "lsp-add", sw, port,
                "--", "lsp-set-addresses", port, addresses,
                "--", "set", "logical_switch_port", port, "external_ids:" + VM_ID + "=" + nic.vm(),
                "external_ids:" + NETWORK_ID + "=" + spec.name()));
        if (dhcpUuid != null) {
            args.addAll(List.of("--", "lsp-set-dhcpv4-options", port, dhcpUuid));
        }
        return args;
    }

    static List<String> removePort(String network, NicBinding nic) {
        return List.of("--if-exists", "lsp-del", nic.portId(network));
    }

    static List<String> ports(String network) {
        return List.of("--bare", "--columns=ports", "find", "logical_switch", "name=" + switchName(network));
    }

    static List<String> removeSwitch(String network) {
        return List.of("--if-exists", "ls-del", switchName(network));
    }

    /** A stable, locally administered MAC for the network's DHCP server. */
    static String serverMac(String network) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(network.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return String.format("02:ca:%02x:%02x:%02x:%02x", h[0] & 0xff, h[1] & 0xff, h[2] & 0xff, h[3] & 0xff);
    }
}
