package io.cairn.api.network;

import io.cairn.api.common.DnsLabel;

/**
 * What the operator asks for: a virtual network across the cluster.
 *
 * @param name   DNS label, unique in the cluster
 * @param kind   {@code geneve}, {@code vlan}, {@code qinq} or {@code isolated} (see {@link NetworkKind})
 * @param vni    GENEVE only: the 24-bit virtual network id, 1 to {@value #MAX_VNI}; chosen by the
 *               backend when absent
 * @param vlan   VLAN: the 802.1Q tag; QinQ: the inner C-tag; 1 to {@value #MAX_VLAN}
 * @param outerVlan QinQ only: the outer 802.1ad S-tag, 1 to {@value #MAX_VLAN}
 * @param mtu    the MTU of the network's NICs, {@value #MIN_MTU} to {@value #MAX_MTU}; {@value #DEFAULT_MTU}
 *               when absent. Whether the underlay carries it (with GENEVE's overhead) is checked on create.
 * @param subnet IPv4 CIDR (e.g. 10.50.0.0/24); on overlay networks it enables DHCP (addresses from the
 *               network's DHCP server at the first host address); optional
 */
public record NetworkSpec(String name, String kind, Integer vni, Integer vlan, Integer outerVlan, Integer mtu,
                          String subnet) {
    public static final int MAX_VNI = (1 << 24) - 1;
    public static final int MAX_VLAN = 4094;
    public static final int MIN_MTU = 576;
    /** The largest jumbo frame a network may ask for; the underlay may carry less. */
    public static final int MAX_MTU = 9216;
    public static final int DEFAULT_MTU = 1500;

    public NetworkSpec {
        DnsLabel.require(name, "name");
        NetworkKind k = NetworkKind.parse(kind);
        kind = k.wireName();
        if (vni != null) {
            if (k != NetworkKind.GENEVE) {
                throw new IllegalArgumentException("vni is only for kind geneve, not " + kind);
            }
            if (vni < 1 || vni > MAX_VNI) {
                throw new IllegalArgumentException("vni must be between 1 and " + MAX_VNI + " (24 bits), was " + vni);
            }
        }
        if (k == NetworkKind.VLAN || k == NetworkKind.QINQ) {
            requireTag(vlan, k == NetworkKind.VLAN ? "vlan" : "vlan (the inner C-tag)");
        } else if (vlan != null) {
            throw new IllegalArgumentException("vlan is only for kinds vlan and qinq, not " + kind);
        }
        if (k == NetworkKind.QINQ) {
            requireTag(outerVlan, "outerVlan (the 802.1ad S-tag)");
        } else if (outerVlan != null) {
            throw new IllegalArgumentException("outerVlan is only for kind qinq, not " + kind);
        }
        mtu = mtu == null ? DEFAULT_MTU : mtu;
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be between " + MIN_MTU + " and " + MAX_MTU + ", was " + mtu);
        }
        subnet = subnet == null || subnet.isBlank() ? null : Ipv4Subnet.parse(subnet).toString();
    }

    private static void requireTag(Integer tag, String what) {
        if (tag == null) {
            throw new IllegalArgumentException(what + " is required (1 to " + MAX_VLAN + ")");
        }
        if (tag < 1 || tag > MAX_VLAN) {
            throw new IllegalArgumentException(what + " must be between 1 and " + MAX_VLAN
                    + " (0 is untagged, 4095 is reserved), was " + tag);
        }
    }

    /** The kind as an enum. */
    public NetworkKind networkKind() {
        return NetworkKind.parse(kind);
    }

    /** The parsed subnet, or null. */
    public Ipv4Subnet ipv4Subnet() {
        return subnet == null ? null : Ipv4Subnet.parse(subnet);
    }
}
