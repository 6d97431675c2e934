package io.cairn.sdn.geneve.internal;

import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;

/**
 * What an underlay MTU leaves for a network's NICs. GENEVE over IPv4 as OVN sends it adds 58 bytes
 * to the inner IP packet: outer IPv4 (20) + UDP (8) + GENEVE header (8) + OVN's metadata option (8)
 * + the inner Ethernet header (14). A QinQ frame's second tag (4 bytes) is more than a Linux NIC
 * accepts over its MTU (it allows one tag).
 */
final class MtuBudget {
    static final int GENEVE_OVERHEAD = 58;
    static final int QINQ_OVERHEAD = 4;

    private MtuBudget() {
    }

    static int maxMtu(NetworkKind kind, int underlayMtu) {
        int max = switch (kind) {
            case GENEVE, ISOLATED -> underlayMtu - GENEVE_OVERHEAD;
            case QINQ -> underlayMtu - QINQ_OVERHEAD;
            case VLAN -> underlayMtu;
        };
        return Math.min(max, NetworkSpec.MAX_MTU);
    }
}
