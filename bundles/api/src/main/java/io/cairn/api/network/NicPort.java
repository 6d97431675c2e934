package io.cairn.api.network;

import java.util.Objects;

/**
 * How a hypervisor attaches one NIC to a network on its node: an Open vSwitch port.
 *
 * @param bridge      the OVS bridge the NIC's tap joins
 * @param interfaceId the port's {@code external_ids:iface-id} (an OVN logical port, a UUID); null for none
 * @param vlanTag     the access tag of the port; null for untagged
 * @param mtu         the NIC's MTU
 */
public record NicPort(String bridge, String interfaceId, Integer vlanTag, int mtu) {
    public NicPort {
        if (bridge == null || !bridge.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("bridge must be an interface name (1-15 characters), was " + bridge);
        }
        if (interfaceId != null && !interfaceId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("interfaceId must be a UUID, was " + interfaceId);
        }
        if (vlanTag != null && (vlanTag < 1 || vlanTag > NetworkSpec.MAX_VLAN)) {
            throw new IllegalArgumentException("vlanTag must be between 1 and " + NetworkSpec.MAX_VLAN + ", was " + vlanTag);
        }
        if (mtu < NetworkSpec.MIN_MTU || mtu > NetworkSpec.MAX_MTU) {
            throw new IllegalArgumentException("mtu must be between " + NetworkSpec.MIN_MTU + " and "
                    + NetworkSpec.MAX_MTU + ", was " + mtu);
        }
        Objects.requireNonNull(bridge);
    }
}
