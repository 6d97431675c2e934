package io.cairn.api.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a network carries its frames between nodes. */
public enum NetworkKind {
    /** An overlay: GENEVE tunnels between the nodes, identified by a 24-bit VNI. */
    GENEVE,
    /** An 802.1Q VLAN on the trunk all nodes share, identified by its tag. */
    VLAN,
    /** 802.1ad: an outer S-tag over an inner 802.1Q C-tag on the shared trunk. */
    QINQ,
    /** An overlay with no uplink: it can never get an EDGE router. */
    ISOLATED;

    /** The name used in specs and on the wire: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (any case), or throws naming the kinds that exist. */
    public static NetworkKind parse(String value) {
        for (NetworkKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + Arrays.stream(values())
                .map(NetworkKind::wireName).collect(Collectors.joining(", ")) + ", was "
                + (value == null ? "missing" : "'" + io.cairn.api.common.DnsLabel.printable(value) + "'"));
    }

    /** Whether its frames travel in GENEVE tunnels (and so pay their overhead). */
    public boolean overlay() {
        return this == GENEVE || this == ISOLATED;
    }
}
