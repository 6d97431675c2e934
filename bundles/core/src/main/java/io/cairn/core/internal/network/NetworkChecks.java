package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;

import java.util.List;
import java.util.Objects;

/**
 * What a new network must not share with the recorded ones: its GENEVE VNI, its VLAN tag, its
 * QinQ tag pair; and on the trunk a VLAN tag and a QinQ S-tag are the same VLAN id space.
 */
final class NetworkChecks {
    private NetworkChecks() {
    }

    /** @throws IllegalArgumentException when the MTU does not fit over the underlay */
    static void requireMtuFits(NetworkSpec spec, int maxMtu) {
        if (spec.mtu() > maxMtu) {
            throw new IllegalArgumentException("mtu " + spec.mtu() + " does not fit a " + spec.kind()
                    + " network over this cluster's underlay" + (spec.networkKind().overlay()
                    ? " (GENEVE adds its tunnel headers)" : "") + ": the largest that fits is " + maxMtu);
        }
    }

    /** @throws ConflictException naming the network that already uses a tag or VNI */
    static void requireUnique(NetworkSpec spec, List<NetworkSpec> existing) {
        for (NetworkSpec other : existing) {
            if (other.name().equals(spec.name())) {
                throw new ConflictException("a network named '" + spec.name() + "' already exists");
            }
            if (spec.vni() != null && spec.vni().equals(other.vni())) {
                throw new ConflictException("vni " + spec.vni() + " is used by network '" + other.name() + "'");
            }
            Integer mine = trunkTag(spec);
            Integer theirs = trunkTag(other);
            if (mine != null && mine.equals(theirs)) {
                boolean sameQinq = spec.networkKind() == NetworkKind.QINQ && other.networkKind() == NetworkKind.QINQ;
                if (!sameQinq) {
                    throw new ConflictException("tag " + mine + " on the trunk is used by " + other.kind() + " network '"
                            + other.name() + "'");
                }
                if (Objects.equals(spec.vlan(), other.vlan())) {
                    throw new ConflictException("S-tag " + spec.outerVlan() + " with C-tag " + spec.vlan()
                            + " is used by network '" + other.name() + "'");
                }
            }
        }
    }

    /** The VLAN id a network occupies on the trunk: a VLAN's tag, a QinQ network's S-tag. */
    private static Integer trunkTag(NetworkSpec spec) {
        return switch (spec.networkKind()) {
            case VLAN -> spec.vlan();
            case QINQ -> spec.outerVlan();
            case GENEVE, ISOLATED -> null;
        };
    }
}
