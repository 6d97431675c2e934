package io.cairn.api.network;

import java.util.Objects;

/**
 * What the backend shows for a network.
 *
 * @param realized whether the backend has it (e.g. OVN's logical switch exists)
 * @param vni      the overlay's VNI as the backend assigned it; null for VLAN and QinQ
 * @param ports    NIC ports on it, across the cluster
 * @param detail   a human-readable note (e.g. why it is not realized); may be empty
 */
public record NetworkStatus(boolean realized, Integer vni, int ports, String detail) {
    public NetworkStatus {
        detail = Objects.requireNonNullElse(detail, "");
    }
}
