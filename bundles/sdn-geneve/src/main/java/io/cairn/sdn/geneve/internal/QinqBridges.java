package io.cairn.sdn.geneve.internal;

import java.util.List;

/**
 * QinQ on a node's Open vSwitch: one bridge {@code cq<S>} per outer S-tag, joined to the trunk bridge
 * by a patch port in {@code dot1q-tunnel} mode with tag S (802.1ad ethertype), so a NIC that is an
 * access port with the inner C-tag on {@code cq<S>} leaves the node double-tagged; the same C-tag
 * under another S-tag lives on another bridge and cannot meet it.
 */
final class QinqBridges {
    private QinqBridges() {
    }

    static String bridge(int outerTag) {
        return "cq" + outerTag;
    }

    static List<String> ensure(String trunk, int outerTag) {
        String br = bridge(outerTag);
        String up = br + "-up";
        String down = br + "-dn";
        return List.of("--may-exist", "add-br", br, "--", "set", "bridge", br, "datapath_type=netdev",
                "--", "--may-exist", "add-port", br, up, "--", "set", "interface", up, "type=patch", "options:peer=" + down,
                "--", "--may-exist", "add-port", trunk, down, "--", "set", "interface", down, "type=patch",
                "options:peer=" + up,
                "--", "set", "port", down, "vlan_mode=dot1q-tunnel", "tag=" + outerTag, "other_config:qinq-ethtype=802.1ad");
    }
}
